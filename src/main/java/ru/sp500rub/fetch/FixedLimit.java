package ru.sp500rub.fetch;

import java.util.Optional;

/** A limit that learns nothing: {@code limit} in flight, whatever the site says. */
public final class FixedLimit implements ConcurrencyLimit {

    private final int limit;
    private int inFlight;

    public FixedLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public synchronized Optional<Ticket> tryAcquire(long now) {
        if (inFlight >= limit) {
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
    }

    @Override
    public synchronized void pushedBack(Ticket ticket, long now) {
        inFlight--;
    }

    @Override
    public synchronized void ignored(Ticket ticket) {
        inFlight--;
    }

    @Override
    public int limit() {
        return limit;
    }
}
