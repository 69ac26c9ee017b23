package ru.sp500rub.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import ru.sp500rub.app.Service;
import ru.sp500rub.app.CommandLine;
import ru.sp500rub.replay.DemoSite;

/**
 * A diagnostic, not a test: runs the service {@code --once} in this JVM against a {@link HostileSite}
 * and prints one RESULT line (how the run ended, or that it is still running after the time given;
 * requests, bytes the site sent, answers the client walked away from, peak RSS) and the summary's
 * failures. What the end-to-end tests of issue 11 will assert, shown on today's code:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat cp.txt) ru.sp500rub.hostile.HostileRun \
 *     ANSWER WHERE SECONDS [COMPANIES]
 * </pre>
 * ANSWER: trickle | endless | huge50 | huge20 | bomb | redirect | reset | html, and for the CBR
 * dated2099 | rate1e30 (the demo's answer rewritten); WHERE: a company index (0-based),
 * {@code all} (every company) or {@code cbr}.
 */
public final class HostileRun {

    private HostileRun() {
    }

    public static void main(String[] args) throws Exception {
        HostileSite.Answer answer = switch (args[0]) {
            case "trickle" -> HostileSite.Answer.trickle(Duration.ofSeconds(1));
            case "endless" -> HostileSite.Answer.endlessChunked();
            case "huge50" -> HostileSite.Answer.huge(50L << 20);
            case "huge20" -> HostileSite.Answer.huge(20L << 20);
            case "bomb" -> HostileSite.Answer.gzipBomb(1L << 30);
            case "redirect" -> HostileSite.Answer.redirectLoop();
            case "reset" -> HostileSite.Answer.reset(0);
            case "dated2099" -> HostileSite.Answer.body(HostileSite.rewritten(HostileSite.demoResponse(DemoSite.CBR_PATH),
                    "Date=\"[0-9.]+\"", "Date=\"01.01.2099\""));
            case "rate1e30" -> HostileSite.Answer.body(HostileSite.rewritten(HostileSite.demoResponse(DemoSite.CBR_PATH),
                    "(?s)(ID=\"R01235\">.*?<Value>)[^<]*", "$11000000000000000000000000000000,0"));
            case "html" -> HostileSite.Answer.body(new ru.sp500rub.replay.Site.Response(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><body>Service unavailable</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            default -> throw new IllegalArgumentException("unknown answer " + args[0]);
        };
        int seconds = Integer.parseInt(args[2]);
        HostileSite.Builder builder = HostileSite.demo(args.length > 3 ? Integer.parseInt(args[3]) : 50);
        String hostilePath = switch (args[1]) {
            case "all" -> {
                builder.everyCompany(answer);
                yield "/stocks/";
            }
            case "cbr" -> {
                builder.replace(DemoSite.CBR_PATH, answer);
                yield DemoSite.CBR_PATH;
            }
            default -> {
                builder.company(Integer.parseInt(args[1]), answer);
                yield builder.companyPath(Integer.parseInt(args[1]));
            }
        };
        try (HostileSite site = builder.start()) {
            Path reports = Files.createTempDirectory("hostile-run-reports");
            Properties settings = new Properties();
            settings.setProperty("sp500.index-url", site.indexUrl());
            settings.setProperty("cbr.url", site.cbrUrl());
            settings.setProperty("reports.dir", reports.toString());
            settings.setProperty("http.retries", "1");
            settings.setProperty("http.retry-delay", "10");
            settings.setProperty("cbr.await-timeout", "PT20S");
            settings.setProperty("startup.warm-up", "false");
            long start = System.nanoTime();
            ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "hostile-run");
                thread.setDaemon(true);
                return thread;
            });
            Future<Integer> run = runner.submit(() -> Service.run(CommandLine.parse("--once"), settings));
            String ended;
            try {
                ended = "exit " + run.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                ended = "STILL RUNNING";
            }
            long toHostile = site.requests().stream().filter(target -> target.startsWith(hostilePath)).count();
            String rss;
            try (Stream<String> status = Files.lines(Path.of("/proc/self/status"))) {
                rss = status.filter(line -> line.startsWith("VmHWM")).findFirst().orElse("VmHWM ?").replaceAll("\\s+", " ");
            }
            System.out.printf("RESULT %s %s: %s after %.1f s; %d requests (%d to %s), site sent %d MB, client walked away %d times; %s; %s%n",
                    args[0], args[1], ended, (System.nanoTime() - start) / 1e9, site.requests().size(), toHostile, hostilePath,
                    site.bytesSent() >> 20, site.closedByClient(), rss, folderSize(reports));
            for (String file : new String[] {"run-summary.json", "last-failed-run.json"}) {
                Path summary = reports.resolve(file);
                if (Files.exists(summary)) {
                    String text = Files.readString(summary).replaceAll("\\s+", " ");
                    int at = Math.max(0, Math.max(text.indexOf("\"failures\""), text.indexOf("\"error\"")));
                    System.out.println("SUMMARY " + file + ": " + text.substring(at, Math.min(text.length(), at + 400)));
                }
            }
        }
        System.exit(0); // a run still going must not keep the JVM up
    }

    private static String folderSize(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return "reports folder " + (files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20) + " MB";
        }
    }
}
