package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.hostile.HostileSite;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/**
 * What a careless operator leaves in the reports folder, met by {@code java -jar target/sp500-rub.jar
 * --once} as an operator runs it: a write that fails is one log line naming its cause (no stack trace),
 * and costs no more than what could not be written.
 */
class WriteFailuresIT {

    private static final Path JAR = Path.of("target/sp500-rub.jar").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMPANIES = 50;

    @TempDir
    Path work;

    private record Run(int exitCode, String log) {
    }

    /**
     * A file stands where reports/rejects/ should be, and one company page comes in an unknown layout:
     * the page cannot be kept for diagnosis, which the log says in one line with the cause; the page is
     * named in the summary like any failed page, and the run publishes the others.
     */
    @Test
    void aRejectedPageThatCannotBeSavedIsOneLineNamingTheCause() throws Exception {
        Path reports = Files.createDirectories(work.resolve("reports"));
        Files.writeString(reports.resolve("rejects"), "not a folder\n");
        Site.Response redesigned = new Site.Response(200, "text/html; charset=utf-8",
                "<html><body><h1>Our brand new design</h1></body></html>".getBytes(StandardCharsets.UTF_8));
        try (HostileSite site = HostileSite.demo(COMPANIES).company(12, HostileSite.Answer.body(redesigned)).start()) {
            Run run = once(site, reports);

            assertThat(run.exitCode()).as(run.log()).isEqualTo(Service.EXIT_PARTIAL);
            List<String> aboutRejects = run.log().lines().filter(line -> line.contains(reports.resolve("rejects").toString())).toList();
            System.out.println("rejects blocked: " + aboutRejects);
            assertThat(aboutRejects).hasSize(1);
            assertThat(aboutRejects.get(0)).contains("could not be saved").contains("File exists: " + reports.resolve("rejects"));
            assertNoStackTrace(run);
            JsonNode failures = JSON.readTree(reports.resolve("run-summary.json").toFile()).get("failures");
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).get("reason").asText()).startsWith("layout not recognised");
            assertThat(reports.resolve("rejects")).hasContent("not a folder");
        }
    }

    /**
     * After a good run, a folder stands where one of the reports should be (top10-growth.json, the third
     * of the set). The next run, at another rate, cannot publish it: it fails with one line naming the
     * cause, and publishes none of its files: what readers see is still the last good run's set.
     */
    @Test
    void aFolderWhereAReportShouldBeFailsTheRunInOneLineAndPublishesNothing() throws Exception {
        Path reports = work.resolve("reports");
        try (HostileSite site = HostileSite.demo(COMPANIES).start()) {
            assertThat(once(site, reports).exitCode()).isEqualTo(Service.EXIT_COMPLETE);
        }
        Map<String, String> good = published(reports);
        Path growth = reports.resolve("top10-growth.json");
        Files.delete(growth);
        Files.createDirectories(growth.resolve("unpacked-here"));
        Site.Response otherRate = HostileSite.rewritten(HostileSite.demoResponse(DemoSite.CBR_PATH),
                "(?s)(ID=\"R01235\">.*?<Value>)[^<]*", "$180,0000");
        try (HostileSite site = HostileSite.demo(COMPANIES).replace(DemoSite.CBR_PATH, HostileSite.Answer.body(otherRate)).start()) {
            Run run = once(site, reports);

            assertThat(run.exitCode()).as(run.log()).isEqualTo(Service.EXIT_FAILED);
            List<String> aboutIt = run.log().lines().filter(line -> line.contains("top10-growth.json")).toList();
            System.out.println("a folder at a report's name: " + aboutIt);
            assertThat(aboutIt).hasSize(1);
            assertThat(aboutIt.get(0)).contains("failed:").contains(growth.toString());
            assertNoStackTrace(run);
            Map<String, String> after = published(reports);
            assertThat(after).allSatisfy((name, text) -> assertThat(text).as(name + ", as the last good run left it")
                    .isEqualTo(good.get(name)));
            assertThat(growth.resolve("unpacked-here")).isDirectory();
        }
    }

    private Run once(HostileSite site, Path reports) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--once", "-Dreports.dir=" + reports,
                "-Dsp500.index-url=" + site.indexUrl(), "-Dcbr.url=" + site.cbrUrl(), "-Dstartup.warm-up=false",
                "-Dhttp.retries=1"));
        Path log = work.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.log().lines()).as(run.log())
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by") || line.contains("Exception"));
    }

    /** Every published file but the folder in the way, byte for byte (as ISO-8859-1: one char a byte). */
    private static Map<String, String> published(Path reports) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String name : List.of("top10-price-rub.json", "top10-lowest-pe.json", "top10-potential-profit.json",
                "run-summary.json", "report.html")) {
            files.put(name, new String(Files.readAllBytes(reports.resolve(name)), StandardCharsets.ISO_8859_1));
        }
        return files;
    }
}
