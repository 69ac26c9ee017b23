package ru.sp500rub.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One run's side of fetching: its retry budget, its breaker, its deadline, the reason it stopped (if it
 * did) and its figures. The site's side (limit, latencies, hedging) is shared by runs in
 * {@link SiteFetcher}. Thread-safe.
 */
public final class FetchRun {

    private final RetryBudget budget;
    private final RunBreaker breaker;
    private final long deadline;
    private final LongSupplier nanoClock;
    private volatile String stopped;
    private int companiesInProgress;

    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong hedges = new AtomicLong();
    final AtomicLong hedgeWins = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();

    public FetchRun(RetryBudget budget, RunBreaker breaker, Duration runTimeout, LongSupplier nanoClock) {
        this.budget = budget;
        this.breaker = breaker;
        this.nanoClock = nanoClock;
        this.deadline = nanoClock.getAsLong() + runTimeout.toNanos();
    }

    public RetryBudget budget() {
        return budget;
    }

    /** Nano-clock time by which the run must be done. */
    public long deadline() {
        return deadline;
    }

    public long nanosLeft() {
        return deadline - nanoClock.getAsLong();
    }

    /** Fails the run with this reason; the first reason stays. */
    public void stop(String reason) {
        synchronized (this) {
            if (stopped == null) {
                stopped = reason;
            }
            notifyAll();
        }
    }

    /** Why the run stopped (its breaker, a wait longer than it may last, its deadline), once it has. */
    public Optional<String> stoppedBecause() {
        breaker.tripped().ifPresent(this::stop);
        return Optional.ofNullable(stopped);
    }

    /** Throws once the run has stopped or its breaker has tripped: nothing more is asked of the site. */
    public void checkGoing() throws RunStoppedException {
        breaker.tripped().ifPresent(this::stop);
        String reason = stopped;
        if (reason != null) {
            throw new RunStoppedException(reason);
        }
        if (nanosLeft() <= 0) {
            stop("the run took longer than its deadline");
            throw new RunStoppedException(stopped);
        }
    }

    /**
     * Waits until another company page may start: until the first one succeeds, only a few are under
     * way at once (the breaker's canaries).
     */
    public void enterCompanyPage() throws InterruptedException, RunStoppedException {
        synchronized (this) {
            while (true) {
                checkGoing();
                if (breaker.admits(companiesInProgress)) {
                    companiesInProgress++;
                    return;
                }
                long left = nanosLeft();
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(100_000, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))));
            }
        }
    }

    /** A company page was delivered (parsed) or lost for good, with the reason without its URL. */
    public void companyPageDone(boolean delivered, String failureReason) {
        if (delivered) {
            breaker.succeeded();
        } else {
            breaker.failed(failureReason);
        }
        synchronized (this) {
            companiesInProgress = Math.max(0, companiesInProgress - 1);
            breaker.tripped().ifPresent(this::stop);
            notifyAll();
        }
    }

    /** Sleeps, waking early (and throwing) if the run stops meanwhile. */
    void pause(Duration wait) throws InterruptedException, RunStoppedException {
        long until = nanoClock.getAsLong() + wait.toNanos();
        synchronized (this) {
            for (long left; (left = until - nanoClock.getAsLong()) > 0; ) {
                checkGoing();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        checkGoing();
    }

    public Figures figures() {
        return new Figures(requests.get(), budget.firstAttempts(), retries.get(), hedges.get(), hedgeWins.get(), throttled.get());
    }

    /** Requests sent, of which first attempts, retries of faults, hedges (and how many won), throttle waits. */
    public record Figures(long requests, long firstAttempts, long retries, long hedges, long hedgeWins, long throttled) {
    }
}
