package ru.sp500rub.fetch;

import java.util.Optional;

/**
 * How many requests may be out at once (and how fast), told of every answer. {@link AdaptiveLimit}
 * learns it; {@link FixedLimit} does not. Time is the caller's nano clock.
 */
public interface ConcurrencyLimit {

    /** A permit: the levels it was sent at (in flight, sent in the last second, itself included). */
    record Ticket(long sentAt, int level, int rateLevel, boolean probe) {
    }

    /** A permit if one is free now. */
    Optional<Ticket> tryAcquire(long now);

    /** How long until a pace would let another request go (0: none holds it back). */
    long nanosUntilPaceAllows(long now);

    void succeeded(Ticket ticket, long now);

    /** The site pushed back on this request: 429, 503, a timeout. */
    void pushedBack(Ticket ticket, long now);

    /** An answer that says nothing about load: a reset, a 404, a cancelled loser. */
    void ignored(Ticket ticket);

    int limit();
}
