package ru.sp500rub.fetch.bench;

import com.netflix.concurrency.limits.limit.AIMDLimit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import ru.sp500rub.fetch.ConcurrencyLimit;

/**
 * concurrency-limits 0.5.4's AIMDLimit behind our interface, for the benchmark's comparison: a drop
 * (429, 503, timeout) multiplies the limit by 0.9, a success at more than half the limit adds one.
 */
final class NetflixAimd implements ConcurrencyLimit {

    private final AIMDLimit limit;
    private int inFlight;

    NetflixAimd(int max, int initial) {
        this.limit = AIMDLimit.newBuilder().initialLimit(initial).minLimit(1).maxLimit(max)
                .timeout(30, TimeUnit.SECONDS).build();
    }

    @Override
    public synchronized Optional<Ticket> tryAcquire(long now) {
        if (inFlight >= limit.getLimit()) {
            return Optional.empty();
        }
        inFlight++;
        return Optional.of(new Ticket(now, inFlight, 0, false));
    }

    @Override
    public long nanosUntilPaceAllows(long now) {
        return 0;
    }

    @Override
    public synchronized void succeeded(Ticket ticket, long now) {
        inFlight--;
        limit.onSample(ticket.sentAt(), now - ticket.sentAt(), ticket.level(), false);
    }

    @Override
    public synchronized void pushedBack(Ticket ticket, long now) {
        inFlight--;
        limit.onSample(ticket.sentAt(), now - ticket.sentAt(), ticket.level(), true);
    }

    @Override
    public synchronized void ignored(Ticket ticket) {
        inFlight--;
    }

    @Override
    public synchronized int limit() {
        return limit.getLimit();
    }
}
