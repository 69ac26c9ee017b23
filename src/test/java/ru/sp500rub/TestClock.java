package ru.sp500rub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand: frozen, or ticking with real time from a start of the test's choosing. */
public final class TestClock extends Clock {

    private final Instant start;
    private final boolean ticking;
    private final long startNanos = System.nanoTime();
    private volatile Duration advanced = Duration.ZERO;

    /** Frozen at {@code start} until moved. */
    public TestClock(Instant start) {
        this(start, false);
    }

    private TestClock(Instant start, boolean ticking) {
        this.start = start;
        this.ticking = ticking;
    }

    /** Starts at {@code start} and goes on with real time (run durations stay real), plus every advance. */
    public static TestClock ticking(Instant start) {
        return new TestClock(start, true);
    }

    public synchronized void advance(Duration by) {
        advanced = advanced.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving time, seen in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        Instant now = start.plus(advanced);
        return ticking ? now.plusNanos(System.nanoTime() - startNanos) : now;
    }
}
