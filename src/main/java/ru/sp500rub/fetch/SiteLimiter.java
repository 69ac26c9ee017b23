package ru.sp500rub.fetch;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Hands out the permits of an {@link AdaptiveLimit} to threads, blocking while none is free. Retries
 * and hedges are urgent: they go before first attempts that wait, so a hedge is not stuck behind the
 * queue it is meant to beat. One limiter per site, shared by every run: a 429 slows everyone down.
 */
public final class SiteLimiter {

    /** A waiting thread looks again at least this often (a probe or the pace may free it). */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ConcurrencyLimit limit;
    private final LongSupplier nanoClock;
    private int urgentWaiting;

    public SiteLimiter(ConcurrencyLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
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
                    if (urgent || urgentWaiting == 0) {
                        Optional<ConcurrencyLimit.Ticket> ticket = limit.tryAcquire(now);
                        if (ticket.isPresent()) {
                            return Optional.of(new Permit(ticket.get()));
                        }
                    }
                    long left = deadline - now;
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    long pace = limit.nanosUntilPaceAllows(now);
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
        return limit.tryAcquire(nanoClock.getAsLong()).map(Permit::new);
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
