package ru.sp500rub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.app.CommandLine;
import ru.sp500rub.app.Service;

/**
 * The service against a site that sends what no real page is: a page that trickles, one that never
 * ends, one of 50 MB, a gzip bomb, a redirect chain without end ({@link HostileSite}, on 127.0.0.1).
 * Each costs that page alone, in bounded time and bytes, and is named in the run summary; 20 MB pages
 * for every company end the run, with its reason, in a process of bounded memory.
 */
class HostileSiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target/sp500-rub.jar").toAbsolutePath();
    private static final int CAP = 2 * 1024 * 1024; // http.max-page-size's default
    private static final String TOO_LARGE = "page larger than " + CAP + " bytes";
    /**
     * What a site may write beyond what the service reads before the service hangs up: the socket
     * buffers on both sides, not the page. On this machine's loopback (receive buffers may grow to
     * tcp_rmem's 32 MB) the site wrote 0.01-5.9 MB in all for the 50 MB or the endless page over ten
     * runs: a generous bound, far under the 50 MB or the endless page.
     */
    private static final long BUFFERS = 12L * 1024 * 1024;
    private static final int COMPANIES = 50;
    private static final int HOSTILE = 12;

    @TempDir
    Path work;

    /**
     * A page that sends its headers, then a byte every 200 ms (its 170 KB would take 9 hours): each
     * attempt is cut at http.response-timeout (2 s), the page fails with that reason, and the run ends.
     */
    @Test
    void aTricklingPageFailsAtTheAttemptDeadlineAndIsNamed() throws Exception {
        try (HostileSite site = HostileSite.demo(COMPANIES).company(HOSTILE, HostileSite.Answer.trickle(Duration.ofMillis(200))).start()) {
            Properties settings = settings(site);
            settings.setProperty("http.response-timeout", "2s");

            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_PARTIAL);

            String path = companyPath(HOSTILE);
            assertThat(onlyFailure(site, path)).startsWith("body incomplete after ").contains("within the attempt deadline of 2 s");
            assertThat(summary().get("companiesDelivered").asInt()).isEqualTo(COMPANIES - 1);
            // every attempt was abandoned by the service, none ran on after the run
            awaitServed(site, path);
            assertThat(site.served().stream().filter(s -> s.target().equals(path)))
                    .isNotEmpty().allSatisfy(s -> assertThat(s.outcome()).isEqualTo(HostileSite.Outcome.CLIENT_CLOSED));
        }
    }

    /** A chunked page that never ends: read up to the cap, no further, and not asked for again. */
    @Test
    void anEndlessPageIsCutAtTheCapAndNotAskedForAgain() throws Exception {
        try (HostileSite site = HostileSite.demo(COMPANIES).company(HOSTILE, HostileSite.Answer.endlessChunked()).start()) {
            assertThat(Service.run(CommandLine.parse("--once"), settings(site))).isEqualTo(Service.EXIT_PARTIAL);

            String path = companyPath(HOSTILE);
            assertThat(onlyFailure(site, path)).isEqualTo(TOO_LARGE);
            awaitServed(site, path);
            assertBytesSentAtMostTheCapAndBuffers(site, path);
        }
    }

    /** A page of 50 MB (a real one padded, with its true Content-Length): refused, next to nothing of it read. */
    @Test
    void aFiftyMegabytePageIsRefusedAndHardlyRead() throws Exception {
        try (HostileSite site = HostileSite.demo(COMPANIES).company(HOSTILE, HostileSite.Answer.huge(50L << 20)).start()) {
            assertThat(Service.run(CommandLine.parse("--once"), settings(site))).isEqualTo(Service.EXIT_PARTIAL);

            String path = companyPath(HOSTILE);
            assertThat(onlyFailure(site, path)).isEqualTo(TOO_LARGE);
            awaitServed(site, path);
            assertBytesSentAtMostTheCapAndBuffers(site, path);
        }
    }

    /**
     * A gzip bomb: under 1 MB on the wire (less than the cap), 256 MB once inflated. The cap counts
     * decoded bytes, so the page fails as too large and is not inflated further.
     */
    @Test
    void aGzipBombIsStoppedAtTheCapOfDecodedBytes() throws Exception {
        try (HostileSite site = HostileSite.demo(COMPANIES).company(HOSTILE, HostileSite.Answer.gzipBomb(256L << 20)).start()) {
            assertThat(Service.run(CommandLine.parse("--once"), settings(site))).isEqualTo(Service.EXIT_PARTIAL);

            String path = companyPath(HOSTILE);
            assertThat(onlyFailure(site, path)).isEqualTo(TOO_LARGE);
            awaitServed(site, path);
            long onTheWire = site.served().stream().filter(s -> s.target().equals(path)).mapToLong(HostileSite.Served::bytes).max().orElseThrow();
            assertThat(onTheWire).as("the bomb on the wire, under the cap").isLessThan(CAP);
        }
    }

    /**
     * A redirect to a new URL every time, for ever: one attempt follows http.max-redirects (5) of them
     * and the page fails, named; a redirect chain is not worth another attempt.
     */
    @Test
    void aRedirectLoopCostsAFewRequestsAndIsNotRetried() throws Exception {
        try (HostileSite site = HostileSite.demo(COMPANIES).company(HOSTILE, HostileSite.Answer.redirectLoop()).start()) {
            assertThat(Service.run(CommandLine.parse("--once"), settings(site))).isEqualTo(Service.EXIT_PARTIAL);

            String path = companyPath(HOSTILE);
            assertThat(onlyFailure(site, path)).isEqualTo("more than 5 redirects");
            long hops = site.requests().stream().filter(target -> target.startsWith(path)).count();
            // one attempt is the page and 5 redirects; a retry would add 6 more each (http.retries=1 here); a
            // hedge, were the machine so slow that the chain outran the hedge delay, would add one chain too
            assertThat(hops).as("requests of the chain").isIn(6L, 12L);
            assertThat(summary().get("fetching").get("retries").asInt()).as("retries").isZero();
        }
    }

    /**
     * Every one of 496 company pages is 20 MB, served to {@code java -Xmx256m -jar target/sp500-rub.jar
     * --once}: the run ends, failed with its one reason, every page it tried named, and the process's
     * peak resident memory (VmHWM, read while it runs) stays under 512 MB.
     */
    @Test
    void twentyMegabytePagesForEveryCompanyEndTheRunInBoundedMemory() throws Exception {
        try (HostileSite site = HostileSite.demo(Integer.MAX_VALUE).everyCompany(HostileSite.Answer.huge(20L << 20)).start()) {
            Path reports = work.resolve("reports");
            List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", JAR.toString(), "--once",
                    "-Dreports.dir=" + reports, "-Dsp500.index-url=" + site.indexUrl(), "-Dcbr.url=" + site.cbrUrl()));
            Path log = work.resolve("run.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("JAVA_OPTS");
            Process run = builder.start();
            long peakKb = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (run.isAlive() && System.nanoTime() < deadline) {
                peakKb = Math.max(peakKb, vmHwmKb(run.pid()));
                Thread.sleep(20);
            }
            boolean ended = run.waitFor(1, TimeUnit.SECONDS);
            if (!ended) {
                run.destroyForcibly();
            }
            String said = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("20 MB pages: exit %s, peak RSS %d MB, %d requests, site sent %d MB%n",
                    ended ? run.exitValue() : "none", peakKb >> 10, site.requests().size(), site.bytesSent() >> 20);

            assertThat(ended).as("the run ended; its log:\n" + said).isTrue();
            assertThat(run.exitValue()).as(said).isEqualTo(Service.EXIT_FAILED);
            assertThat(peakKb).as("peak RSS, kB").isPositive().isLessThan(512L * 1024);
            JsonNode failed = JSON.readTree(reports.resolve("last-failed-run.json").toFile());
            assertThat(failed.get("error").asText()).isEqualTo("the first 5 company pages all failed the same way: " + TOO_LARGE);
            assertThat(failed.get("failures")).isNotEmpty().allSatisfy(f -> {
                assertThat(f.get("url").asText()).startsWith(site.baseUri() + "/stocks/");
                assertThat(f.get("reason").asText()).isEqualTo(TOO_LARGE);
            });
            assertThat(said).contains("failed: the first 5 company pages all failed the same way: " + TOO_LARGE)
                    .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
            assertThat(site.bytesSent()).as("bytes the site sent").isLessThan(failed.get("failures").size() * (CAP + BUFFERS) + BUFFERS);
        }
    }

    private Properties settings(HostileSite site) {
        Properties p = new Properties();
        p.setProperty("sp500.index-url", site.indexUrl());
        p.setProperty("cbr.url", site.cbrUrl());
        p.setProperty("reports.dir", work.resolve("reports").toString());
        p.setProperty("http.retries", "1");
        p.setProperty("http.retry-delay", "10ms");
        p.setProperty("cbr.await-timeout", "20s");
        p.setProperty("startup.warm-up", "false");
        return p;
    }

    private static String companyPath(int index) {
        return ru.sp500rub.replay.DemoSite.facts().get(index).pagePath();
    }

    /** The run's one failure, which must be this page's: its reason. */
    private String onlyFailure(HostileSite site, String path) throws IOException {
        JsonNode failures = summary().get("failures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("url").asText()).isEqualTo(site.baseUri() + path);
        return failures.get(0).get("reason").asText();
    }

    /** Every answer for the page: the service hung up on it, after at most the cap and the socket buffers. */
    private static void assertBytesSentAtMostTheCapAndBuffers(HostileSite site, String path) {
        List<HostileSite.Served> answers = site.served().stream().filter(s -> s.target().equals(path)).toList();
        System.out.printf("%s: %d answers, bytes sent %s%n", path, answers.size(), answers.stream().map(HostileSite.Served::bytes).toList());
        assertThat(answers).as("answers (one attempt, and perhaps its hedge)").hasSizeBetween(1, 2)
                .allSatisfy(answer -> {
                    assertThat(answer.outcome()).isEqualTo(HostileSite.Outcome.CLIENT_CLOSED);
                    assertThat(answer.bytes()).isLessThanOrEqualTo(CAP + BUFFERS);
                });
    }

    /** Waits until the site has finished with every request for the page (it notices a hang-up when it next writes). */
    private static void awaitServed(HostileSite site, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long asked = site.requests().stream().filter(path::equals).count();
            long done = site.served().stream().filter(s -> s.target().equals(path)).count();
            if (asked > 0 && done == asked) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the site still serves " + path + " 10 s after the run");
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(work.resolve("reports").resolve("run-summary.json").toFile());
    }

    private static long vmHwmKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | java.io.UncheckedIOException gone) {
            return 0;
        }
    }
}
