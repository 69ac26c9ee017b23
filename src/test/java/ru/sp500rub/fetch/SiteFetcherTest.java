package ru.sp500rub.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetcher's decisions against small servers of our own on 127.0.0.1. */
class SiteFetcherTest {

    private static final byte[] PAGE = "<html>ok</html>".getBytes(StandardCharsets.UTF_8);

    private final SiteClient client = new SiteClient(ClientSettings.defaults().withAttemptTimeout(Duration.ofSeconds(10)));
    private final List<SiteFetcher> fetchers = new ArrayList<>();

    @AfterEach
    void close() {
        fetchers.forEach(SiteFetcher::close);
        client.close();
    }

    private SiteFetcher fetcher(ConcurrencyLimit limit, HedgePolicy hedging, int maxRetries) {
        SiteFetcher fetcher = new SiteFetcher(client, new SiteLimiter(limit, System::nanoTime), new LatencyTracker(100, 10),
                hedging, new Backoff(Duration.ofMillis(2), Duration.ofMillis(10), () -> 0.5),
                new SiteFetcher.Policy(maxRetries, 20), System::nanoTime);
        fetchers.add(fetcher);
        return fetcher;
    }

    private static FetchRun run(RetryBudget budget, Duration timeout) {
        return new FetchRun(budget, RunBreaker.defaults(), timeout, System::nanoTime);
    }

    private static HedgePolicy noHedges() {
        return new HedgePolicy(Duration.ofHours(1), Duration.ofHours(1), 0.95, 2, Duration.ofSeconds(3));
    }

    @Test
    void aSlowFirstAttemptIsHedgedAndTheLoserClosed() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicBoolean loserClosed = new AtomicBoolean();
        CountDownLatch loserChecked = new CountDownLatch(1);
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            if (asked.incrementAndGet() == 1) {
                loserClosed.set(RawHttpServer.waitForClientClose(socket, 8_000)); // never answers on its own
                loserChecked.countDown();
                socket.close();
            } else {
                RawHttpServer.answer(out, 200, "", PAGE);
            }
        })) {
            HedgePolicy hedging = new HedgePolicy(Duration.ofMillis(200), Duration.ofMillis(200), 0.95, 2, Duration.ofSeconds(3));
            SiteFetcher fetcher = fetcher(new FixedLimit(4), hedging, 4);
            FetchRun run = run(new RetryBudget(0.2, 5), Duration.ofMinutes(1));

            Response response = fetcher.fetch(server.url("/slow"), run);

            assertThat(response.body()).isEqualTo(PAGE);
            assertThat(run.figures().hedges()).isEqualTo(1);
            assertThat(run.figures().hedgeWins()).isEqualTo(1);
            assertThat(run.figures().requests()).isEqualTo(2);
            assertThat(loserChecked.await(9, TimeUnit.SECONDS)).isTrue();
            assertThat(loserClosed).as("the server saw the loser's connection closed").isTrue();
            assertThat(fetcher.latencies().samples()).as("a loser's time is not a latency").isZero();
        }
    }

    @Test
    void throttleWaitsHonourRetryAfterAndDoNotUseUpRetries() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            if (asked.incrementAndGet() <= 2) {
                RawHttpServer.answer(out, 429, "Retry-After: 1\r\n", new byte[0]);
            } else {
                RawHttpServer.answer(out, 200, "", PAGE);
            }
        })) {
            SiteFetcher fetcher = fetcher(new FixedLimit(4), noHedges(), 0);
            FetchRun run = run(new RetryBudget(0, 0), Duration.ofMinutes(1));
            long start = System.nanoTime();

            Response response = fetcher.fetch(server.url("/busy"), run);

            assertThat(response.body()).isEqualTo(PAGE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(run.figures().throttled()).isEqualTo(2);
            assertThat(run.figures().retries()).isZero();
        }
    }

    @Test
    void aRetryAfterLongerThanTheRunMayTakeFailsTheRunWithTheReason() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) ->
                RawHttpServer.answer(out, 429, "Retry-After: 3600\r\n", new byte[0]))) {
            SiteFetcher fetcher = fetcher(new FixedLimit(4), noHedges(), 4);
            FetchRun run = run(new RetryBudget(0.2, 10), Duration.ofMinutes(10));

            assertThatThrownBy(() -> fetcher.fetch(server.url("/busy"), run))
                    .isInstanceOf(RunStoppedException.class)
                    .hasMessageStartingWith("rate-limited by the site for 3600 s");
            assertThat(server.requests).hasSize(1);
            assertThatThrownBy(run::checkGoing).hasMessageStartingWith("rate-limited by the site for 3600 s");
        }
    }

    @Test
    void theBudgetCapsRequestsAgainstAFailingSite() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> RawHttpServer.answer(out, 500, "", new byte[0]))) {
            SiteFetcher fetcher = fetcher(new FixedLimit(4), noHedges(), 4);
            FetchRun run = run(new RetryBudget(0.1, 2), Duration.ofMinutes(1));
            List<String> reasons = new ArrayList<>();
            for (int page = 0; page < 20; page++) {
                try {
                    fetcher.fetch(server.url("/p" + page), run);
                } catch (PageFailedException lost) {
                    reasons.add(lost.reason());
                }
            }
            assertThat(reasons).hasSize(20);
            // 20 first requests, 2 + 10 % of 20 extra at most
            assertThat(server.requests.size()).isLessThanOrEqualTo(24);
            assertThat(reasons.get(19)).startsWith("HTTP 500 Internal Server Error; retry budget of the run spent");
        }
    }

    @Test
    void aDeterministicFailureIsFinalAtOnceAndAResetIsRetried() throws Exception {
        AtomicInteger resets = new AtomicInteger();
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            if (request.target().equals("/gone")) {
                RawHttpServer.answer(out, 404, "", new byte[0]);
            } else if (resets.incrementAndGet() == 1) {
                socket.setSoLinger(true, 0);
                socket.close();
            } else {
                RawHttpServer.answer(out, 200, "", PAGE);
            }
        })) {
            SiteFetcher fetcher = fetcher(new FixedLimit(4), noHedges(), 4);
            FetchRun run = run(new RetryBudget(0.2, 10), Duration.ofMinutes(1));

            assertThatThrownBy(() -> fetcher.fetch(server.url("/gone"), run))
                    .isInstanceOfSatisfying(PageFailedException.class, e -> {
                        assertThat(e.isDeterministic()).isTrue();
                        assertThat(e.reason()).isEqualTo("HTTP 404 Not Found");
                    });
            assertThat(fetcher.fetch(server.url("/flaky"), run).body()).isEqualTo(PAGE);
            assertThat(run.figures().retries()).isEqualTo(1);
            assertThat(server.requests.stream().filter(r -> r.target().equals("/gone"))).hasSize(1);
        }
    }

    @Test
    void theAdaptiveLimitSettlesUnderAServersCapAndLosesNothing() throws Exception {
        int cap = 4;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peakLate = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            int now = inFlight.incrementAndGet();
            try {
                if (served.get() > 100) {
                    peakLate.accumulateAndGet(now, Math::max);
                }
                Thread.sleep(50);
                if (now > cap) {
                    rejected.incrementAndGet();
                    RawHttpServer.answer(out, 429, "Retry-After: 0\r\n", new byte[0]);
                } else {
                    served.incrementAndGet();
                    RawHttpServer.answer(out, 200, "", PAGE);
                }
            } finally {
                inFlight.decrementAndGet();
            }
        })) {
            AdaptiveLimit limit = new AdaptiveLimit(16, 8, Duration.ofSeconds(2), Duration.ofSeconds(1), System.nanoTime());
            SiteFetcher fetcher = fetcher(limit, noHedges(), 4);
            FetchRun run = run(new RetryBudget(0.2, 10), Duration.ofMinutes(2));
            ExecutorService workers = Executors.newFixedThreadPool(32);
            List<Future<Response>> pages = new ArrayList<>();
            for (int page = 0; page < 300; page++) {
                URI url = server.url("/p" + page);
                pages.add(workers.submit(() -> fetcher.fetch(url, run)));
            }
            for (Future<Response> page : pages) {
                assertThat(page.get(60, TimeUnit.SECONDS).body()).isEqualTo(PAGE); // none lost
            }
            workers.shutdownNow();

            assertThat(limit.limit()).isBetween(1, cap + 1);
            // generous bounds (a busy machine): a limit that learned nothing, 16 against a cap of 4, would
            // see 12 of every 16 in flight rejected, several hundred 429s, and a peak of 16
            assertThat(peakLate.get()).as("peak in flight at the server, once learned").isLessThanOrEqualTo(cap + 3);
            assertThat(rejected.get()).as("429s").isLessThan(120);
        }
    }
}
