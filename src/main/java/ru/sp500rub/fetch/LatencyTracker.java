package ru.sp500rub.fetch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recent latencies of first attempts that succeeded, for the hedge delay. The caller records only
 * those: a hedge's loser, a retry or a failure says nothing about how long a normal page takes.
 */
public final class LatencyTracker {

    private final long[] window;
    private final int minSamples;
    private int next;
    private int size;

    public LatencyTracker(int windowSize, int minSamples) {
        if (windowSize < 1 || minSamples < 1 || minSamples > windowSize) {
            throw new IllegalArgumentException("need 1 <= minSamples <= windowSize, got " + minSamples + ", " + windowSize);
        }
        this.window = new long[windowSize];
        this.minSamples = minSamples;
    }

    public synchronized void record(long nanos) {
        window[next] = Math.max(0, nanos);
        next = (next + 1) % window.length;
        size = Math.min(size + 1, window.length);
    }

    /** The {@code p} quantile (0..1) of the recent window, once it holds enough samples to mean something. */
    public synchronized Optional<Duration> percentile(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        if (size < minSamples) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(window, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p * size) - 1;
        return Optional.of(Duration.ofNanos(sorted[Math.max(0, Math.min(size - 1, index))]));
    }

    public synchronized int samples() {
        return size;
    }
}
