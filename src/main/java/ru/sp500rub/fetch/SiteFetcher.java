package ru.sp500rub.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Fetches one page for a run, the way the policies say: each attempt under a permit of the site's
 * shared limit; a first attempt that runs long gets a hedge (the first answer wins, the other is
 * aborted and counts for nothing); a fault is retried after a jittered back-off, within the page's
 * retries and the run's budget; a throttle (429) waits as long as the site asked, without using up the
 * page's retries, or fails the run if that is longer than the run may last; a deterministic failure
 * is final at once.
 *
 * <p>The caller's thread waits; attempts run on threads of their own (at most one per permit), so
 * that a hedge can race its first attempt and a loser can be cancelled from outside.
 */
public final class SiteFetcher implements AutoCloseable {

    /**
     * @param maxRetries       retries of faults for one page (throttle waits not counted)
     * @param maxThrottleWaits waits on 429s for one page before it is given up
     */
    public record Policy(int maxRetries, int maxThrottleWaits) {
        public Policy {
            if (maxRetries < 0 || maxThrottleWaits < 0) {
                throw new IllegalArgumentException("retries must be >= 0");
            }
        }

        public static Policy defaults() {
            return new Policy(4, 20);
        }
    }

    private static final long HEDGE_PERMIT_WAIT = TimeUnit.MILLISECONDS.toNanos(50);

    private final SiteClient client;
    private final SiteLimiter limiter;
    private final LatencyTracker latencies;
    private final HedgePolicy hedging;
    private final Backoff backoff;
    private final Policy policy;
    private final LongSupplier nanoClock;
    private final ExecutorService attempts;
    private volatile FetchListener listener = FetchListener.NONE;

    public SiteFetcher(SiteClient client, SiteLimiter limiter, LatencyTracker latencies, HedgePolicy hedging, Backoff backoff,
                       Policy policy, LongSupplier nanoClock) {
        this.client = client;
        this.limiter = limiter;
        this.latencies = latencies;
        this.hedging = hedging;
        this.backoff = backoff;
        this.policy = policy;
        this.nanoClock = nanoClock;
        AtomicInteger count = new AtomicInteger();
        this.attempts = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fetch-attempt-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Who hears of every answer, retry and hedge (the metrics). */
    public SiteFetcher listenedBy(FetchListener listener) {
        this.listener = listener;
        return this;
    }

    public SiteClient client() {
        return client;
    }

    public SiteLimiter limiter() {
        return limiter;
    }

    public LatencyTracker latencies() {
        return latencies;
    }

    /**
     * The page, or why it is lost ({@link PageFailedException}: the run goes on without it), or why the
     * run must stop ({@link RunStoppedException}).
     */
    public Response fetch(URI url, FetchRun run) throws PageFailedException, RunStoppedException, InterruptedException {
        int retries = 0;
        int throttles = 0;
        boolean first = true;
        while (true) {
            run.checkGoing();
            FetchException failure;
            try {
                return attempt(url, run, first);
            } catch (FetchException e) {
                failure = e;
            }
            if (failure instanceof DeterministicFetchException) {
                throw new PageFailedException(url, failure.reason(), true, failure);
            } else if (failure instanceof ThrottledException throttle) {
                throttles++;
                run.throttled.incrementAndGet();
                if (throttles > policy.maxThrottleWaits()) {
                    throw new PageFailedException(url, throttle.reason() + " (still throttled after " + policy.maxThrottleWaits() + " waits)", false, throttle);
                }
                int waits = throttles;
                Duration wait = throttle.retryAfter().orElseGet(() -> backoff.delay(waits));
                if (wait.toNanos() >= run.nanosLeft()) {
                    run.stop("rate-limited by the site for " + secondsUp(wait) + " s (Retry-After from "
                            + Untrusted.quote(url.toString()) + "), longer than the run may still take");
                    run.checkGoing();
                }
                run.pause(wait);
            } else {
                retries++;
                if (retries > policy.maxRetries()) {
                    throw new PageFailedException(url, failure.reason() + " (after " + policy.maxRetries() + " retries)", false, failure);
                }
                if (!run.budget().tryExtra()) {
                    throw new PageFailedException(url, failure.reason() + "; " + run.budget().spent(), false, failure);
                }
                run.retries.incrementAndGet();
                listener.retry();
                run.pause(backoff.delay(retries));
            }
            first = false;
        }
    }

    private Response attempt(URI url, FetchRun run, boolean first) throws FetchException, RunStoppedException, InterruptedException {
        Optional<SiteLimiter.Permit> permit = limiter.acquire(!first, run.deadline());
        if (permit.isEmpty()) {
            run.checkGoing();
            throw new RunStoppedException("the run took longer than its deadline");
        }
        try {
            run.checkGoing(); // the run may have stopped while this page waited for its permit
        } catch (RunStoppedException stopped) {
            permit.get().ignored();
            throw stopped;
        }
        long startedAt = nanoClock.getAsLong();
        run.requests.incrementAndGet();
        if (first) {
            run.budget().firstAttempt();
        }
        BlockingQueue<Running> finished = new LinkedBlockingQueue<>();
        Running primary = start(url, permit.get(), first, finished);
        Running hedge = null;
        Optional<Duration> hedgeAfter = first ? hedging.delay(latencies, startedAt) : Optional.empty();
        try {
            if (hedgeAfter.isEmpty()) {
                return finished.take().result();
            }
            Running done = finished.poll(hedgeAfter.get().toNanos(), TimeUnit.NANOSECONDS);
            if (done != null) {
                return done.result();
            }
            Optional<SiteLimiter.Permit> hedgePermit = hedgePermit(run, finished);
            if (hedgePermit.isEmpty()) {
                return finished.take().result();
            }
            run.hedges.incrementAndGet();
            run.requests.incrementAndGet();
            listener.hedge();
            hedge = start(url, hedgePermit.get(), false, finished);
            Running firstDone = finished.take();
            if (firstDone.succeeded()) {
                (firstDone == primary ? hedge : primary).cancel(); // the loser: aborted, counts for nothing
                countWin(run, firstDone, hedge);
                return firstDone.result();
            }
            Running secondDone = finished.take(); // the first one failed: the other may still deliver
            if (secondDone.succeeded()) {
                countWin(run, secondDone, hedge);
                return secondDone.result();
            }
            return firstDone.result();
        } catch (InterruptedException stopping) {
            primary.cancel();
            if (hedge != null) {
                hedge.cancel();
            }
            throw stopping;
        }
    }

    private static void countWin(FetchRun run, Running winner, Running hedge) {
        if (winner == hedge && winner.succeeded()) {
            run.hedgeWins.incrementAndGet();
        }
    }

    /**
     * A permit for a hedge, if the site is quiet, the budget allows and one comes free before the
     * first attempt answers; urgent, so it goes before the queue of first attempts.
     */
    private Optional<SiteLimiter.Permit> hedgePermit(FetchRun run, BlockingQueue<Running> finished) throws InterruptedException {
        if (!hedging.quiet(nanoClock.getAsLong()) || !run.budget().tryExtra()) {
            return Optional.empty();
        }
        while (finished.isEmpty()) {
            Optional<SiteLimiter.Permit> permit = limiter.acquire(true, nanoClock.getAsLong() + HEDGE_PERMIT_WAIT);
            if (permit.isPresent()) {
                return permit;
            }
            if (run.nanosLeft() <= 0) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Running start(URI url, SiteLimiter.Permit permit, boolean recordLatency, BlockingQueue<Running> finished) {
        Running running = new Running(client.call(url));
        attempts.execute(() -> running.run(permit, recordLatency, finished));
        return running;
    }

    /** One attempt in flight, and then its outcome. */
    private final class Running {
        private final SiteClient.Call call;
        private volatile boolean running = true;
        private volatile Response response;
        private volatile FetchException failure;
        private volatile RuntimeException bug;

        Running(SiteClient.Call call) {
            this.call = call;
        }

        void run(SiteLimiter.Permit permit, boolean recordLatency, BlockingQueue<Running> finished) {
            long start = nanoClock.getAsLong();
            try {
                response = call.execute();
                listener.response(response.status());
                permit.succeeded();
                if (recordLatency) {
                    latencies.record(nanoClock.getAsLong() - start);
                }
            } catch (FetchException e) {
                failure = e;
                if (e.status() > 0) {
                    listener.response(e.status());
                } else {
                    listener.noResponse();
                }
                if (e.isPushback()) {
                    hedging.pushback(nanoClock.getAsLong());
                    permit.pushedBack();
                } else {
                    permit.ignored();
                }
            } catch (CancellationException lost) {
                permit.ignored();
                bug = lost;
            } catch (InterruptedException e) {
                permit.ignored();
                bug = new CancellationException("interrupted");
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                permit.ignored();
                bug = e;
            } finally {
                running = false;
                finished.add(this);
            }
        }

        boolean succeeded() {
            return response != null;
        }

        void cancel() {
            if (running) {
                call.cancel();
            }
        }

        Response result() throws FetchException {
            if (response != null) {
                return response;
            }
            if (failure != null) {
                throw failure;
            }
            throw bug;
        }
    }

    private static long secondsUp(Duration d) {
        return d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    }

    @Override
    public void close() {
        attempts.shutdownNow();
    }
}
