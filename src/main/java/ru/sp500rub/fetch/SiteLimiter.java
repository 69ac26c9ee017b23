package ru.sp500rub.fetch;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Hands out the permits of an {@link AdaptiveLimit} to threads, blocking while none is free. Retries
 * and hedges are urgent: they go before first attempts that wait, so a hedge is not stuck behind the
 * queue it is meant to beat. One limiter per site, shared by every run: a 429 slows everyone down.
 * An operator's politeness limit, when set, spaces every request (retries and hedges included) evenly,
 * at most that many in any second.
 */
public final class SiteLimiter {

    /** A waiting thread looks again at least this often (a probe or the pace may free it). */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ConcurrencyLimit limit;
    private final LongSupplier nanoClock;
    private final long politeGapNanos;
    private long nextPoliteAt = Long.MIN_VALUE;
    private int urgentWaiting;

    public SiteLimiter(ConcurrencyLimit limit, LongSupplier nanoClock) {
        this(limit, nanoClock, 0);
    }

    /** @param maxPerSecond the politeness limit: at most this many requests in any second (0 = none) */
    public SiteLimiter(ConcurrencyLimit limit, LongSupplier nanoClock, int maxPerSecond) {
        if (maxPerSecond < 0) {
            throw new IllegalArgumentException("maxPerSecond must be >= 0, got " + maxPerSecond);
        }
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.politeGapNanos = maxPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / maxPerSecond;
    }

    public ConcurrencyLimit limit() {
        return limit;
    }

    /** Waits for a permit until {@code deadline} (nano clock); empty when the deadline came first. */
    public Optional<Permit> acquire(boolean urgent, long deadline) throws InterruptedException {
        synchronized (this) {
            if (urgent) {
                urgentWaiting++;
            }
            try {
                while (true) {
                    long now = nanoClock.getAsLong();
                    if ((urgent || urgentWaiting == 0) && now >= nextPoliteAt) {
                        Optional<ConcurrencyLimit.Ticket> ticket = limit.tryAcquire(now);
                        if (ticket.isPresent()) {
                            spacePolitely(now);
                            return Optional.of(new Permit(ticket.get()));
                        }
                    }
                    long left = deadline - now;
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    long pace = Math.max(limit.nanosUntilPaceAllows(now), nextPoliteAt - now);
                    long wait = Math.min(left, pace > 0 ? Math.min(pace, POLL_NANOS) : POLL_NANOS);
                    TimeUnit.NANOSECONDS.timedWait(this, Math.max(wait, 100_000));
                }
            } finally {
                if (urgent) {
                    urgentWaiting--;
                    notifyAll();
                }
            }
        }
    }

    /** Takes a permit only if one is free now (a hedge that would have to wait is not worth sending). */
    public synchronized Optional<Permit> tryAcquire() {
        long now = nanoClock.getAsLong();
        if (now < nextPoliteAt) {
            return Optional.empty();
        }
        Optional<Permit> permit = limit.tryAcquire(now).map(Permit::new);
        permit.ifPresent(p -> spacePolitely(now));
        return permit;
    }

    private void spacePolitely(long now) {
        if (politeGapNanos > 0) {
            nextPoliteAt = now + politeGapNanos;
        }
    }

    private synchronized void released() {
        notifyAll();
    }

    /** One request's permit; the first of its three endings counts, the others do nothing. */
    public final class Permit {
        private final ConcurrencyLimit.Ticket ticket;
        private final AtomicBoolean done = new AtomicBoolean();

        private Permit(ConcurrencyLimit.Ticket ticket) {
            this.ticket = ticket;
        }

        public ConcurrencyLimit.Ticket ticket() {
            return ticket;
        }

        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                limit.succeeded(ticket, nanoClock.getAsLong());
                released();
            }
        }

        public void pushedBack() {
            if (done.compareAndSet(false, true)) {
                limit.pushedBack(ticket, nanoClock.getAsLong());
                released();
            }
        }

        public void ignored() {
            if (done.compareAndSet(false, true)) {
                limit.ignored(ticket);
                released();
            }
        }
    }
}
