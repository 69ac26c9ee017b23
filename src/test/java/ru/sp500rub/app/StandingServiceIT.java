package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.ServedDemoSite;

/**
 * The standing service as an operator runs it, {@code java -jar target/sp500-rub.jar}, against the demo
 * site served here on 127.0.0.1: stopped with SIGTERM in the middle of a slow run, and started while
 * the site and the CBR are down.
 */
class StandingServiceIT {

    private static final Path JAR = Path.of("target/sp500-rub.jar").toAbsolutePath();
    /** camel.main.shutdown-timeout in the packaged application.properties. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern OPS_ADDRESS = Pattern.compile("Ops HTTP server on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern RUN_STARTED = Pattern.compile("Run (\\S+) started \\(inbox file ");
    private static final List<String> PUBLISHED = List.of("top10-price-rub.json", "top10-lowest-pe.json", "top10-growth.json",
            "top10-potential-profit.json", "run-summary.json", "report.html");

    @TempDir
    Path work;
    private final ServedDemoSite site = new ServedDemoSite();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process service;
    private Path log;

    @BeforeEach
    void folders() throws IOException {
        Files.createDirectories(work.resolve("inbox"));
        log = work.resolve("service.log");
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        site.close();
    }

    @Test
    void sigtermInTheMiddleOfARunEndsItInTimeLeavesThePublishedSetAsItWasAndSaysSoOnce() throws Exception {
        start(Map.of());
        await(() -> logText().contains("finished in"), Duration.ofSeconds(60), "the first run");
        Map<String, byte[]> published = published();
        URI ops = opsAddress();
        // the run's log line comes first, then its history entry, then the board behind readiness
        await(() -> readyStatus(ops) == 200, Duration.ofSeconds(10), "ready after the first run");

        site.latency(Duration.ofMillis(400)); // 496 pages, 32 at a time: a run of about 7 s
        long asked = site.requestCount();
        Files.writeString(work.resolve("inbox/now"), "run\n");
        await(() -> RUN_STARTED.matcher(logText()).find() && site.requestCount() > asked + 60, Duration.ofSeconds(30),
                "the second run well under way");
        String runId = match(RUN_STARTED, logText());
        assertThat(logText()).doesNotContain("Run " + runId + " finished");

        long askedAtSignal = site.requestCount();
        long signalled = System.nanoTime();
        service.destroy(); // SIGTERM
        boolean ended = service.waitFor(SHUTDOWN_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);

        assertThat(ended).as("the service ended").isTrue();
        System.out.printf("SIGTERM mid-run: exit %d after %d ms, %d requests after the signal; the log's end:%n%s%n",
                service.exitValue(), took.toMillis(), site.requestCount() - askedAtSignal,
                String.join("\n", logText().lines().skip(Math.max(0, logText().lines().count() - 6)).toList()));
        assertThat(took).isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(5));
        assertThat(service.exitValue()).isEqualTo(143);
        assertThat(published()).allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(published.get(name)));
        assertThat(hiddenLeftovers()).isEmpty();
        List<String> aboutTheRun = logText().lines().filter(line -> line.contains(runId)).toList();
        assertThat(aboutTheRun).hasSize(2); // started, then one line for its end
        assertThat(aboutTheRun.get(1)).contains("Run " + runId + " failed: the service is stopping; previous reports left untouched");
        assertThat(logText()).doesNotContain("Company page failed", "Exception");
    }

    @Test
    void aServiceWhoseSiteAndCbrAreDownAtStartStartsSaysSoAndIsReadyAfterItsFirstGoodRun() throws Exception {
        site.down(true);
        start(Map.of("cbr.period", "1s"));
        await(() -> logText().contains("Service started") && logText().contains("USD/RUB rate could not be read from the CBR")
                && logText().contains("failed:"), Duration.ofSeconds(60), "the first run, failed");
        URI ops = opsAddress();
        assertThat(get(ops.resolve("health/live")).statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get(ops.resolve("health/ready"));
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("no good run yet");
        assertThat(work.resolve("reports/top10-price-rub.json")).doesNotExist();

        site.down(false);
        await(() -> logText().contains("USD/RUB rate 74.2926"), Duration.ofSeconds(30), "the rate, once the CBR is back");
        Files.writeString(work.resolve("inbox/now"), "run\n");
        await(() -> logText().contains("finished in"), Duration.ofSeconds(60), "a good run");

        // the run's end is logged a moment before the board that readiness reads is updated
        await(() -> statusOf(ops.resolve("health/ready")) == 200, Duration.ofSeconds(10), "ready after the good run");
        assertThat(service.isAlive()).isTrue();
    }

    private void start(Map<String, String> more) throws IOException {
        Map<String, String> settings = new TreeMap<>(site.settings());
        settings.put("reports.dir", work.resolve("reports").toString());
        settings.put("inbox.dir", work.resolve("inbox").toString());
        settings.put("ops.port", "0");
        settings.put("scrape.initial-delay", "0s");
        settings.put("http.retries", "1");
        settings.put("http.retry-delay", "100ms");
        settings.putAll(more);
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_OPTS");
        service = builder.start();
    }

    private int statusOf(URI uri) {
        try {
            return get(uri).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private URI opsAddress() throws IOException {
        return URI.create(match(OPS_ADDRESS, logText()));
    }

    private Map<String, byte[]> published() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : PUBLISHED) {
            files.put(name, Files.readAllBytes(work.resolve("reports").resolve(name)));
        }
        return files;
    }

    /** Staged, temporary and half-written files anywhere under the reports folder. */
    private List<Path> hiddenLeftovers() throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve("reports"))) {
            return files.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(".staged-") || name.startsWith(".tmp-") || name.startsWith(".writing-");
            }).toList();
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int readyStatus(URI ops) {
        try {
            return get(ops.resolve("health/ready")).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + pattern + " in:\n" + text);
        }
        return m.group(1);
    }

    private void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s; the log:\n" + logText());
            }
            Thread.sleep(50);
        }
    }
}
