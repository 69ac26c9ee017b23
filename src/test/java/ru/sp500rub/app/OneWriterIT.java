package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.ReplayServer;
import ru.sp500rub.replay.Site;
import ru.sp500rub.store.ReportsLock;

/**
 * Two processes on one reports folder (a cron --once beside another run): one scrapes and publishes,
 * the other asks the site for nothing, says in one line who holds the folder, and exits 1.
 */
class OneWriterIT {

    private static final Path JAR = Path.of("target/sp500-rub.jar").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aSecondRunOnTheSameReportsFolderDoesNotScrapeAndSaysWhoHoldsIt() throws Exception {
        Site site = Site.of(DemoSite.render(DemoSite.facts().subList(0, 40)));
        Path accessLog = work.resolve("access.log");
        try (ReplayServer server = ReplayServer.builder(site).latency(Duration.ofMillis(200)).accessLog(accessLog).start()) {
            Path reports = work.resolve("reports");
            Process first = start(server, reports, "first");
            awaitLockTaken(reports);

            Process second = start(server, reports, "second");
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(second.exitValue()).isEqualTo(1);
            String said = Files.readString(work.resolve("second.log"), StandardCharsets.UTF_8);
            assertThat(said).containsPattern("another sp500-rub run holds " + java.util.regex.Pattern.quote(reports + "/")
                    + ": pid " + first.pid() + " since \\d{4}-\\d\\d-\\d\\dT");
            assertThat(said).doesNotContain("Run started").doesNotContain("Exception");
            // index page 1 was asked for once, by the first; the second asked for no page at all
            server.close();
            assertThat(Files.readAllLines(accessLog).stream().filter(line -> line.split("\t")[2].equals(DemoSite.INDEX_PATH)))
                    .hasSize(1);
            assertThat(first.exitValue()).isZero();
            String publishedBy = JSON.readTree(reports.resolve("run-summary.json").toFile()).get("runId").asText();
            assertThat(Files.readString(work.resolve("first.log"))).contains("Run " + publishedBy + " finished");
            assertThat(reports.resolve("last-failed-run.json")).doesNotExist();
        }
    }

    private Process start(ReplayServer server, Path reports, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--once",
                "-Dreports.dir=" + reports, "-Dscrape.concurrency=2", "-Dstartup.warm-up=false",
                "-Dsp500.index-url=" + server.baseUri() + DemoSite.INDEX_PATH, "-Dcbr.url=" + server.baseUri() + DemoSite.CBR_PATH));
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    private static void awaitLockTaken(Path reports) throws InterruptedException {
        Path lock = reports.resolve(ReportsLock.FILE_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.isRegularFile(lock) && size(lock) > 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first run never took the reports lock");
            }
            Thread.sleep(20);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
