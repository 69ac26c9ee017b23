package ru.sp500rub.fetch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import ru.sp500rub.fetch.AdaptiveLimit;
import ru.sp500rub.fetch.Backoff;
import ru.sp500rub.fetch.ClientSettings;
import ru.sp500rub.fetch.ConcurrencyLimit;
import ru.sp500rub.fetch.FetchRun;
import ru.sp500rub.fetch.FixedLimit;
import ru.sp500rub.fetch.HedgePolicy;
import ru.sp500rub.fetch.LatencyTracker;
import ru.sp500rub.fetch.PageFailedException;
import ru.sp500rub.fetch.Response;
import ru.sp500rub.fetch.RetryBudget;
import ru.sp500rub.fetch.RunBreaker;
import ru.sp500rub.fetch.RunStoppedException;
import ru.sp500rub.fetch.SiteClient;
import ru.sp500rub.fetch.SiteFetcher;
import ru.sp500rub.fetch.SiteLimiter;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.parse.PageText;

/**
 * Fetch-only benchmark: a run's fetch pattern (index page 1, then pages 2..N and the company pages as
 * each index page is read, up to 32 at once, parsed on 2 threads apart) through SiteClient and the
 * policies, against serve.py with the issue 10 scenarios, no Camel. Each repetition is a first run
 * (nothing learned) and a second run starting from the limit the first one learned, each against a
 * fresh server. Figures come from serve.py's access log.
 *
 * <pre>
 * FetchBench --site DIR --serve serve.py [--scenario NAME|all] [--mode adaptive|naive|aimd] [--reps 3]
 * </pre>
 */
public final class FetchBench {

    private static final double LATENCY_MS = 100;
    private static final int MAX = 32;

    enum Variant { BASE, COMPANIES_503, UNKNOWN_LAYOUT }

    record Scenario(String name, List<String> flags, Variant variant, double boundSeconds) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("clean", List.of(), Variant.BASE, 1.8),
            new Scenario("cap8", List.of("--max-inflight", "8"), Variant.BASE, 6.4),
            new Scenario("cap8-no-retry-after", List.of("--max-inflight", "8", "--retry-after", "none"), Variant.BASE, 6.4),
            new Scenario("rate50", List.of("--rate-limit", "50"), Variant.BASE, 10.2),
            new Scenario("slow5", List.of("--slow-rate", "0.05", "--slow-ms", "2000"), Variant.BASE, 1.8),
            new Scenario("stall2", List.of("--fault-rate", "0.02", "--faults", "stall"), Variant.BASE, 1.8),
            new Scenario("faults20", List.of("--fault-rate", "0.2", "--faults", "503,429,reset"), Variant.BASE, 1.8),
            new Scenario("companies-503", List.of(), Variant.COMPANIES_503, 0),
            new Scenario("unknown-layout", List.of(), Variant.UNKNOWN_LAYOUT, 0));

    record Row(String scenario, String mode, int run, double span, double bound, int requests, int companyRequests,
               int status429, long hedges, long retries, int lost, int listed, String failure, String state) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path site = Path.of(required(options, "--site"));
        Path serve = Path.of(required(options, "--serve"));
        String only = options.getOrDefault("--scenario", "all");
        String mode = options.getOrDefault("--mode", "adaptive");
        int reps = Integer.parseInt(options.getOrDefault("--reps", "3"));
        Path work = Files.createTempDirectory("fetch-bench");
        List<Row> rows = new ArrayList<>();
        System.out.println("# load at start: " + Files.readString(Path.of("/proc/loadavg")).strip());
        // one unmeasured clean run first: the JIT and the connection code warm, as in a standing service
        runOnce(SCENARIOS.get(0), mode, 0, site, serve, work, Optional.empty());
        System.out.println(header());
        for (Scenario scenario : SCENARIOS) {
            if (!only.equals("all") && !Arrays.asList(only.split(",")).contains(scenario.name())) {
                continue;
            }
            Path variantSite = variant(site, scenario.variant(), work);
            for (int rep = 1; rep <= reps; rep++) {
                Optional<AdaptiveLimit.State> learned = Optional.empty();
                for (int run = 1; run <= 2; run++) {
                    Row row = runOnce(scenario, mode, run, variantSite, serve, work, learned);
                    if (row.failure().isEmpty()) { // a failed run (the site down) teaches nothing about load
                        learned = AdaptiveLimit.State.parse(row.state());
                    }
                    rows.add(row);
                    System.out.println(format(row));
                }
            }
        }
        System.out.println();
        System.out.println("# medians over " + reps + " repetitions (min-max of span in brackets)");
        System.out.println(header());
        Map<String, List<Row>> groups = rows.stream().collect(Collectors.groupingBy(r -> r.scenario() + "/" + r.run(),
                LinkedHashMap::new, Collectors.toList()));
        for (List<Row> group : groups.values()) {
            System.out.println(median(group));
        }
        System.out.println("# load at end: " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("# access logs in " + work);
    }

    private static Row runOnce(Scenario scenario, String mode, int runNumber, Path site, Path serve, Path work,
                               Optional<AdaptiveLimit.State> learned) throws Exception {
        Path log = Files.createTempFile(work, scenario.name() + "-", ".log");
        List<String> command = new ArrayList<>(List.of("python3", serve.toString(), site.toString(), "--port", "0",
                "--latency-ms", String.valueOf((int) LATENCY_MS), "--access-log", log.toString()));
        command.addAll(scenario.flags());
        Path errors = Files.createTempFile(work, scenario.name() + "-", ".err");
        Process server = null;
        String listening = null;
        for (int attempt = 1; attempt <= 3 && listening == null; attempt++) {
            server = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line != null && line.startsWith("listening ")) {
                listening = line;
            } else {
                System.err.println("bench: serve.py did not start (" + Files.readString(errors).strip() + "), trying again");
                server.destroy();
            }
        }
        if (listening == null) {
            throw new IllegalStateException("serve.py did not start: " + Files.readString(errors));
        }
        try {
            URI base = URI.create(listening.substring("listening ".length()));
            Setup setup = setup(mode, learned);
            Result result;
            try (SiteClient client = new SiteClient(ClientSettings.defaults().withMaxConnections(MAX * 2));
                 SiteFetcher fetcher = new SiteFetcher(client, setup.limiter, new LatencyTracker(256, 20), setup.hedging,
                         setup.backoff, setup.policy, System::nanoTime)) {
                result = new Scrape(fetcher, setup.run(), base.resolve("/index/components/s&p_500")).run();
            }
            Thread.sleep(300); // the last log lines
            String state = setup.limit instanceof AdaptiveLimit adaptive ? adaptive.state().text() : "limit=" + setup.limit.limit() + " ceiling=0 rate-ceiling=0";
            return row(scenario, mode, runNumber, log, result, state);
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The policies of a mode: "adaptive" (this package), "naive" (today's service), "aimd" (concurrency-limits). */
    private record Setup(ConcurrencyLimit limit, SiteLimiter limiter, HedgePolicy hedging, Backoff backoff,
                         SiteFetcher.Policy policy, RetryBudget budget, RunBreaker breaker) {
        FetchRun run() {
            return new FetchRun(budget, breaker, Duration.ofSeconds(120), System::nanoTime);
        }
    }

    private static Setup setup(String mode, Optional<AdaptiveLimit.State> learned) {
        long now = System.nanoTime();
        Backoff jittered = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(8), () -> ThreadLocalRandom.current().nextDouble());
        switch (mode) {
            case "naive" -> {
                // today's service: 32 at once, 4 retries from 500 ms doubling, no hedge, no budget, no breaker
                ConcurrencyLimit fixed = new FixedLimit(MAX);
                HedgePolicy never = new HedgePolicy(Duration.ofDays(1), Duration.ofDays(1), 0.95, 2, Duration.ofSeconds(3));
                return new Setup(fixed, new SiteLimiter(fixed, System::nanoTime), never,
                        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), () -> ThreadLocalRandom.current().nextDouble()),
                        new SiteFetcher.Policy(4, 4), new RetryBudget(10, 1_000_000), new RunBreaker(1_000_000, 1_000_000, 1, 1_000_000));
            }
            case "aimd" -> {
                ConcurrencyLimit aimd = new NetflixAimd(MAX, learned.map(AdaptiveLimit.State::limit).orElse(8));
                return new Setup(aimd, new SiteLimiter(aimd, System::nanoTime), HedgePolicy.defaults(), jittered,
                        SiteFetcher.Policy.defaults(), new RetryBudget(0.2, 10), RunBreaker.defaults());
            }
            default -> {
                AdaptiveLimit adaptive = learned
                        .map(s -> AdaptiveLimit.startingAt(MAX, s, Duration.ofSeconds(2), Duration.ofSeconds(1), now))
                        .orElseGet(() -> new AdaptiveLimit(MAX, 8, Duration.ofSeconds(2), Duration.ofSeconds(1), now));
                if (Boolean.getBoolean("sp500.fetch.trace")) {
                    adaptive.onChange(change -> System.err.println("limit: " + change));
                }
                return new Setup(adaptive, new SiteLimiter(adaptive, System::nanoTime), HedgePolicy.defaults(), jittered,
                        SiteFetcher.Policy.defaults(), new RetryBudget(0.2, 10), RunBreaker.defaults());
            }
        }
    }

    record Result(int listed, int delivered, Optional<String> failure, FetchRun.Figures figures) {
    }

    /** One run's fetch pattern, as the service's routes do it. */
    static final class Scrape {
        private final SiteFetcher fetcher;
        private final FetchRun run;
        private final URI indexUrl;
        // twice the limit: a page waiting out a Retry-After or a back-off holds a thread, not a permit
        private final ExecutorService fetchers = Executors.newFixedThreadPool(2 * MAX);
        private final ExecutorService parsers = Executors.newFixedThreadPool(2);
        private final Phaser pending = new Phaser(1);
        private final Set<URI> listed = ConcurrentHashMap.newKeySet();
        private final AtomicInteger delivered = new AtomicInteger();
        private volatile String failure;

        Scrape(SiteFetcher fetcher, FetchRun run, URI indexUrl) {
            this.fetcher = fetcher;
            this.run = run;
            this.indexUrl = indexUrl;
        }

        Result run() throws InterruptedException {
            try {
                IndexPage first = indexPage(indexUrl);
                for (int page = 2; page <= first.pageCount(); page++) {
                    URI url = URI.create(indexUrl + "?p=" + page);
                    submit(fetchers, () -> companies(indexPage(url)));
                }
                companies(first);
            } catch (PageFailedException | RunStoppedException e) {
                fail(e.getMessage());
            } catch (RuntimeException e) {
                fail(e.toString());
            }
            pending.arriveAndAwaitAdvance();
            fetchers.shutdownNow();
            parsers.shutdownNow();
            return new Result(listed.size(), delivered.get(), Optional.ofNullable(failure), run.figures());
        }

        interface Task {
            void run() throws Exception;
        }

        private void submit(ExecutorService pool, Task task) {
            pending.register();
            pool.execute(() -> {
                try {
                    task.run();
                } catch (PageFailedException e) {
                    fail("index page lost: " + e.getMessage());
                } catch (RunStoppedException e) {
                    fail(e.getMessage());
                } catch (Exception e) {
                    fail(e.toString());
                } finally {
                    pending.arriveAndDeregister();
                }
            });
        }

        private void fail(String reason) {
            if (failure == null) {
                failure = reason;
            }
            run.stop(reason);
        }

        private IndexPage indexPage(URI url) throws PageFailedException, RunStoppedException, InterruptedException {
            Response page = fetcher.fetch(url, run);
            return new IndexPageParser().parse(PageText.decode(page.body(), page.contentType().orElse(null)), url);
        }

        private void companies(IndexPage page) {
            for (IndexEntry entry : page.entries()) {
                if (listed.add(entry.pageUrl())) {
                    submit(fetchers, () -> company(entry.pageUrl()));
                }
            }
        }

        private void company(URI url) throws Exception {
            run.enterCompanyPage();
            Response page;
            try {
                page = fetcher.fetch(url, run);
            } catch (PageFailedException lost) {
                run.companyPageDone(false, lost.kind());
                return;
            } catch (RunStoppedException | InterruptedException stopped) {
                run.companyPageDone(false, "run stopped");
                throw stopped;
            }
            submit(parsers, () -> {
                try {
                    new CompanyPageParser().parse(page.body(), PageText.charsetOf(page.contentType().orElse(null)));
                    delivered.incrementAndGet();
                    run.companyPageDone(true, null);
                } catch (RuntimeException layout) {
                    run.companyPageDone(false, String.valueOf(layout.getMessage()));
                }
            });
        }
    }

    // ---- figures from the access log

    private static Row row(Scenario scenario, String mode, int runNumber, Path log, Result result, String state) throws IOException {
        List<String[]> lines = Files.readAllLines(log).stream().map(l -> l.split("\t")).filter(f -> f.length >= 4).toList();
        double firstStart = Double.MAX_VALUE;
        Map<String, Double> answeredAt = new HashMap<>();
        Map<String, Double> lastLineAt = new HashMap<>();
        int requests = 0;
        int companyRequests = 0;
        int status429 = 0;
        for (String[] f : lines) {
            String status = f[3];
            if (status.equals("-2")) {
                continue; // the end of a stall already counted when it began
            }
            requests++;
            if (f[2].startsWith("/stocks/")) {
                companyRequests++;
            }
            if (status.equals("429")) {
                status429++;
            }
            double start = Double.parseDouble(f[0]);
            double end = Double.parseDouble(f[1]);
            firstStart = Math.min(firstStart, start);
            if (status.equals("200")) {
                answeredAt.merge(f[2], end, Math::min); // a hedge's loser may be written later: the first 200 is the answer
            } else if (!status.equals("stall") && !status.startsWith("-")) {
                lastLineAt.merge(f[2], end, Math::max);
            }
        }
        double lastAnswer = 0;
        for (Map.Entry<String, Double> e : lastLineAt.entrySet()) {
            if (!answeredAt.containsKey(e.getKey())) {
                lastAnswer = Math.max(lastAnswer, e.getValue());
            }
        }
        for (double end : answeredAt.values()) {
            lastAnswer = Math.max(lastAnswer, end);
        }
        double span = lines.isEmpty() ? 0 : lastAnswer - firstStart;
        FetchRun.Figures figures = result.figures();
        return new Row(scenario.name(), mode, runNumber, span, scenario.boundSeconds(), requests, companyRequests, status429,
                figures.hedges(), figures.retries(), result.listed() - result.delivered(), result.listed(),
                result.failure().orElse(""), state);
    }

    private static String header() {
        return String.format("%-20s %-8s %3s %6s %5s %5s %5s %5s %4s %4s %4s %4s  %-24s %s", "scenario", "mode", "run",
                "span", "bound", "ratio", "reqs", "comp", "429", "hdg", "rtry", "lost", "learned", "failure");
    }

    private static String format(Row r) {
        String ratio = r.bound() > 0 ? String.format("%.2f", r.span() / r.bound()) : "-";
        return String.format("%-20s %-8s %3d %6.2f %5.1f %5s %5d %5d %4d %4d %4d %4d  %-24s %s", r.scenario(), r.mode(), r.run(),
                r.span(), r.bound(), ratio, r.requests(), r.companyRequests(), r.status429(), r.hedges(), r.retries(), r.lost(),
                r.state().replace("rate-ceiling", "rate").replace("ceiling", "ceil"), shorten(r.failure()));
    }

    private static String median(List<Row> rows) {
        List<Row> bySpan = rows.stream().sorted(Comparator.comparingDouble(Row::span)).toList();
        Row mid = bySpan.get(bySpan.size() / 2);
        Row r = new Row(mid.scenario(), mid.mode(), mid.run(), mid.span(), mid.bound(), medianInt(rows, Row::requests),
                medianInt(rows, Row::companyRequests), medianInt(rows, Row::status429), (long) medianInt(rows, x -> (int) x.hedges()),
                (long) medianInt(rows, x -> (int) x.retries()), medianInt(rows, Row::lost), mid.listed(), mid.failure(), mid.state());
        return format(r) + String.format("  [%.2f-%.2f]", bySpan.get(0).span(), bySpan.get(bySpan.size() - 1).span());
    }

    private static int medianInt(List<Row> rows, java.util.function.ToIntFunction<Row> f) {
        int[] values = rows.stream().mapToInt(f).sorted().toArray();
        return values[values.length / 2];
    }

    private static String shorten(String s) {
        return s.length() > 110 ? s.substring(0, 110) + "..." : s;
    }

    // ---- site variants

    /** The base site, or a copy of its manifest whose company routes answer 503 or an unknown layout. */
    private static Path variant(Path site, Variant variant, Path work) throws IOException {
        if (variant == Variant.BASE) {
            return site;
        }
        Path dir = Files.createDirectories(work.resolve("site-" + variant.name().toLowerCase()));
        Path page = dir.resolve("company.html");
        Files.writeString(page, variant == Variant.COMPANIES_503
                ? "service unavailable\n"
                : "<html><head><title>3M Co</title></head><body><div class=\"quote-2025\"><h1>3M</h1><b>101.50</b></div></body></html>\n");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(site.resolve("site.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].startsWith("/stocks/")) {
                String status = variant == Variant.COMPANIES_503 ? "503" : "200";
                out.add(String.join("\t", f[0], status, "text/html; charset=utf-8", page.toAbsolutePath().toString()));
            } else if (!f[0].equals("path")) {
                out.add(String.join("\t", f[0], f[1], f[2], site.resolve(f[3]).toAbsolutePath().toString()));
            } else {
                out.add(line);
            }
        }
        Files.write(dir.resolve("site.tsv"), out);
        return dir;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
