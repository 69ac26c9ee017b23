package ru.sp500rub.fetch;

import java.time.Duration;
import java.util.Optional;

/**
 * When to send a second copy of a request that is taking long ("The Tail at Scale", Dean and Barroso):
 * once it has been out longer than {@code multiplier} x the p95 of normal latency, and never sooner
 * than {@code floor}. Twice the p95, not the p95: with 5 % of pages slow, a hedge at the p95 would copy
 * 5 % of normal pages too; the delay has to sit above the normal distribution. Until enough
 * latencies are known (the first pages of a run: a stalled index page must not wait for 30 s),
 * {@code coldDelay}. None while the site has pushed back recently: a copy then only adds load.
 */
public final class HedgePolicy {

    private final Duration floor;
    private final Duration coldDelay;
    private final double percentile;
    private final double multiplier;
    private final long quietNanos;
    private volatile long lastPushbackAt = Long.MIN_VALUE;

    public HedgePolicy(Duration floor, Duration coldDelay, double percentile, double multiplier, Duration quietAfterPushback) {
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        this.floor = floor;
        this.coldDelay = coldDelay;
        this.percentile = percentile;
        this.multiplier = multiplier;
        this.quietNanos = quietAfterPushback.toNanos();
    }

    /**
     * The floor decided by bench/run --scenario slow5 (5 % of pages 2 s late) against clean: at 400 ms a
     * slow page held its permit long enough to leave the run 1.32-1.34x clean; at 250 ms, 1.12-1.19x,
     * with still no hedge on a clean site (whose p95 is about 110 ms at 100 ms latency).
     */
    public static HedgePolicy defaults() {
        return new HedgePolicy(Duration.ofMillis(250), Duration.ofMillis(600), 0.95, 2.0, Duration.ofSeconds(3));
    }

    /** No hedges at all: for a site asked one page at a time (the CBR). */
    public static HedgePolicy never() {
        return new HedgePolicy(Duration.ofDays(1), Duration.ofDays(1), 0.95, 2.0, Duration.ZERO);
    }

    /** The site pushed back (429, 503, a timeout): no hedges for a while. */
    public void pushback(long now) {
        lastPushbackAt = now;
    }

    /** How long a first attempt may run before its hedge; empty for "no hedge now". */
    public Optional<Duration> delay(LatencyTracker latencies, long now) {
        long last = lastPushbackAt;
        if (last != Long.MIN_VALUE && now - last < quietNanos) {
            return Optional.empty();
        }
        return Optional.of(latencies.percentile(percentile).map(p -> {
            Duration scaled = Duration.ofNanos((long) (p.toNanos() * multiplier));
            return scaled.compareTo(floor) > 0 ? scaled : floor;
        }).orElse(coldDelay));
    }

    /** Whether a hedge may go now, for one that is already due (the site may have pushed back since). */
    public boolean quiet(long now) {
        long last = lastPushbackAt;
        return last == Long.MIN_VALUE || now - last >= quietNanos;
    }
}
