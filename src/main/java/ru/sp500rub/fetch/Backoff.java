package ru.sp500rub.fetch;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Waits between retries of a fault: exponential from {@code base}, doubling, up to {@code max}, with
 * "equal jitter" (half the step fixed, half random), so that pages that failed together do not come
 * back together, and no wait is ever near zero.
 */
public final class Backoff {

    private final long baseNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got " + base + ", " + max);
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    public Duration delay(int retry) {
        int doublings = Math.max(0, Math.min(retry - 1, 40));
        long step = baseNanos;
        for (int i = 0; i < doublings && step < maxNanos; i++) {
            step *= 2;
        }
        step = Math.min(step, maxNanos);
        double r = Math.max(0, Math.min(1, random.getAsDouble()));
        return Duration.ofNanos(step / 2 + (long) (r * (step - step / 2)));
    }
}
