package ru.sp500rub.fetch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * How many requests a site takes at once, and how many a second, learned from its answers alone: no
 * setting tells it the site's limit. Pure: time comes in as nanoseconds from the caller.
 *
 * <p>Why not a plain AIMD (concurrency-limits' AIMDLimit: x0.9 per drop): a site that fails 20 % of
 * pages once, at any load, drives it down to a handful in flight, and near a real cap it overshoots by
 * one every few answers, which against a site that counts 429s in its rate window starts a storm. Here:
 * <ul>
 *   <li><b>Only load counts.</b> A pushback (429, 503, a timeout) is put down to load only when it came
 *       from above what the site has recently been seen to bear: requests sent at a level (in flight
 *       when sent, or sent in the last second) above the highest level at which a request succeeded,
 *       and at least {@value #MIN_LOAD_PUSHBACKS} of them, and at least half of what was sent up there.
 *       Background faults come at every level, mixed with successes, so they never pass.</li>
 *   <li><b>Remember the ceiling.</b> The lowest level that failed becomes a ceiling; the limit stays
 *       just under it (no overshoot every few answers), and a probe goes one level above it at
 *       exponentially spaced times (1 s, 2 s, 4 s... while probes fail), so that a site that allows
 *       more gets it back one level per success.</li>
 *   <li><b>Rates too.</b> A site that limits requests per second is met by a rate ceiling: sends are
 *       paced to stay a margin under it.</li>
 *   <li><b>Old news is ignored.</b> Only requests sent after the last decrease can cause another, and
 *       the evidence starts again at each decrease (TCP's "once per window").</li>
 *   <li><b>Storms.</b> If half of what was sent since the last decrease (at least 8) is pushed back and
 *       no level explains it (the site's capacity fell), the limit drops by a tenth.</li>
 * </ul>
 * Growth: +1 per success (doubling per round trip) until a ceiling is known, then +1 per round trip
 * up to just under the ceiling. The state can be exported and imported so a run starts where the last
 * one left off.
 */
public final class AdaptiveLimit implements ConcurrencyLimit {

    static final int MIN_LOAD_PUSHBACKS = 3;
    static final int STORM_MIN_OUTCOMES = 8;
    private static final int MAX_EVIDENCE = 2048;
    private static final long SECOND = 1_000_000_000L;

    private final int max;
    private final long evidenceWindow;
    private final long probeBase;
    private final long probeMax;

    private int limit;
    private int ceiling;          // Integer.MAX_VALUE: none known
    private int rateCeiling;      // requests per second; Integer.MAX_VALUE: none known
    private boolean slowStart;
    private double growth;
    private int inFlight;
    private long lastDecreaseAt = Long.MIN_VALUE;
    private long probeInterval;
    private long nextProbeAt;
    private boolean probeOut;
    private final Deque<Long> sends = new ArrayDeque<>();
    private final Deque<Outcome> evidence = new ArrayDeque<>();
    private long decreases;

    private record Outcome(long at, int level, int rateLevel, boolean pushback) {
    }

    /** What is kept between runs. {@code ceiling} and {@code rateCeiling} are 0 when none is known. */
    public record State(int limit, int ceiling, int rateCeiling) {
        public State {
            if (limit < 1 || ceiling < 0 || rateCeiling < 0) {
                throw new IllegalArgumentException("bad limit state " + limit + "/" + ceiling + "/" + rateCeiling);
            }
        }

        /** One line: "limit=8 ceiling=9 rate-ceiling=0". */
        public String text() {
            return "limit=" + limit + " ceiling=" + ceiling + " rate-ceiling=" + rateCeiling;
        }

        /** Reads {@link #text()}; anything else is empty (start afresh), never an error. */
        public static Optional<State> parse(String text) {
            try {
                String[] parts = text.strip().split("\\s+");
                if (parts.length != 3 || !parts[0].startsWith("limit=") || !parts[1].startsWith("ceiling=")
                        || !parts[2].startsWith("rate-ceiling=")) {
                    return Optional.empty();
                }
                return Optional.of(new State(Integer.parseInt(parts[0].substring(6)), Integer.parseInt(parts[1].substring(8)),
                        Integer.parseInt(parts[2].substring(13))));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    /**
     * @param max            the most in flight ever (scrape.concurrency)
     * @param initial        where a first run starts, growing from there
     * @param evidenceWindow how long a success counts as proof of what the site bears
     * @param probeBase      the first wait before probing above a ceiling; doubled while probes fail
     */
    public AdaptiveLimit(int max, int initial, Duration evidenceWindow, Duration probeBase, long now) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        this.max = max;
        this.evidenceWindow = evidenceWindow.toNanos();
        this.probeBase = probeBase.toNanos();
        this.probeMax = probeBase.toNanos() * 32;
        this.limit = clamp(initial);
        this.ceiling = Integer.MAX_VALUE;
        this.rateCeiling = Integer.MAX_VALUE;
        this.slowStart = true;
        this.probeInterval = this.probeBase;
        this.nextProbeAt = now + this.probeBase;
    }

    public static AdaptiveLimit startingAt(int max, State state, Duration evidenceWindow, Duration probeBase, long now) {
        AdaptiveLimit limit = new AdaptiveLimit(max, state.limit(), evidenceWindow, probeBase, now);
        synchronized (limit) {
            limit.ceiling = state.ceiling() == 0 ? Integer.MAX_VALUE : Math.max(2, state.ceiling());
            limit.rateCeiling = state.rateCeiling() == 0 ? Integer.MAX_VALUE : Math.max(2, state.rateCeiling());
            limit.slowStart = limit.ceiling == Integer.MAX_VALUE;
            limit.limit = limit.clamp(Math.min(limit.limit, limit.ceiling - 1));
        }
        return limit;
    }

    public synchronized State state() {
        return new State(limit, ceiling == Integer.MAX_VALUE ? 0 : ceiling, rateCeiling == Integer.MAX_VALUE ? 0 : rateCeiling);
    }

    @Override
    public synchronized int limit() {
        return limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized long decreases() {
        return decreases;
    }

    /** A permit if one is free now: under the limit and the pace, or a probe above them when one is due. */
    @Override
    public synchronized Optional<Ticket> tryAcquire(long now) {
        forgetSendsBefore(now - SECOND);
        int rateLevel = sends.size() + 1;
        boolean underLimit = inFlight < limit;
        boolean underPace = rateLevel <= pace();
        boolean probe = false;
        if (!underLimit || !underPace) {
            // a probe goes one step above what a ceiling holds us to, never above max
            boolean heldByCeiling = !underLimit && limit >= ceiling - 1 && inFlight < max;
            boolean heldByPace = !underPace && rateCeiling != Integer.MAX_VALUE;
            probe = !probeOut && now >= nextProbeAt
                    && (underLimit || heldByCeiling) && (underPace || heldByPace);
            if (!probe) {
                return Optional.empty();
            }
            probeOut = true;
        }
        inFlight++;
        sends.addLast(now);
        return Optional.of(new Ticket(now, inFlight, rateLevel, probe));
    }

    /** How long until the pace lets another request go (0 when it does now); for a waiting thread. */
    @Override
    public synchronized long nanosUntilPaceAllows(long now) {
        forgetSendsBefore(now - SECOND);
        if (sends.size() + 1 <= pace() || sends.isEmpty()) {
            return 0;
        }
        int excess = sends.size() + 1 - pace();
        Iterator<Long> oldest = sends.iterator();
        long at = oldest.next();
        for (int i = 1; i < excess && oldest.hasNext(); i++) {
            at = oldest.next();
        }
        return Math.max(1, at + SECOND - now);
    }

    @Override
    public synchronized void succeeded(Ticket ticket, long now) {
        release(ticket);
        if (ticket.sentAt() <= lastDecreaseAt) {
            return; // evidence from before the last decrease is not evidence any more
        }
        remember(new Outcome(now, ticket.level(), ticket.rateLevel(), false), now);
        if (ticket.probe()) {
            if (ticket.level() > limit) {
                ceiling = Math.max(ceiling, ticket.level() + 1);
                limit = clamp(ticket.level());
            }
            if (ticket.rateLevel() > pace()) {
                rateCeiling = ticket.rateLevel() + 1 + margin(ticket.rateLevel());
            }
            probeInterval = probeBase;
            nextProbeAt = now + probeBase;
            return;
        }
        if (ticket.level() * 2 < limit) {
            return; // the limit was not what held it back: no reason to raise it
        }
        if (slowStart) {
            limit = clamp(limit + 1);
        } else if (limit < ceiling - 1) {
            growth += 1.0 / limit;
            if (growth >= 1) {
                growth = 0;
                limit = clamp(Math.min(limit + 1, ceiling - 1));
            }
        }
    }

    /** The site pushed back (429, 503, a timeout) on this request. */
    @Override
    public synchronized void pushedBack(Ticket ticket, long now) {
        release(ticket);
        if (ticket.probe()) {
            probeInterval = Math.min(probeMax, probeInterval * 2);
            nextProbeAt = now + probeInterval;
            return; // the ceiling holds: nothing else to learn
        }
        if (ticket.sentAt() <= lastDecreaseAt) {
            return; // sent before the last decrease: that one already answered for it
        }
        remember(new Outcome(now, ticket.level(), ticket.rateLevel(), true), now);
        Verdict levels = verdict(false);
        Verdict rates = verdict(true);
        if (levels.load) {
            ceiling = Math.min(ceiling, levels.lowestFailed);
            limit = clamp(Math.min(limit, ceiling - 1));
        }
        if (rates.load) {
            rateCeiling = Math.min(rateCeiling, rates.lowestFailed);
        }
        boolean storm = !levels.load && !rates.load && storm();
        if (storm) {
            ceiling = Math.min(ceiling, Math.max(2, limit));
            limit = clamp(Math.min(limit - 1, (int) Math.floor(limit * 0.9)));
        }
        if (levels.load || rates.load || storm) {
            decreased(now);
        }
    }

    /** An answer that says nothing about load (a reset, a 404, a cancelled hedge loser). */
    @Override
    public synchronized void ignored(Ticket ticket) {
        release(ticket);
    }

    private void decreased(long now) {
        decreases++;
        slowStart = false;
        growth = 0;
        lastDecreaseAt = now;
        evidence.clear();
        probeInterval = probeBase;
        nextProbeAt = now + probeBase;
    }

    private record Verdict(boolean load, int lowestFailed) {
    }

    /** Pushbacks above the highest level that succeeded: enough of them, and most of what went there. */
    private Verdict verdict(boolean rate) {
        int proven = 0;
        for (Outcome o : evidence) {
            if (!o.pushback) {
                proven = Math.max(proven, rate ? o.rateLevel : o.level);
            }
        }
        int above = 0;
        int pushbacks = 0;
        int lowest = Integer.MAX_VALUE;
        for (Outcome o : evidence) {
            int level = rate ? o.rateLevel : o.level;
            if (level > proven) {
                above++;
                if (o.pushback) {
                    pushbacks++;
                    lowest = Math.min(lowest, level);
                }
            }
        }
        boolean load = pushbacks >= MIN_LOAD_PUSHBACKS && pushbacks * 2 >= above;
        return new Verdict(load, lowest);
    }

    private boolean storm() {
        int pushbacks = 0;
        for (Outcome o : evidence) {
            if (o.pushback) {
                pushbacks++;
            }
        }
        return evidence.size() >= STORM_MIN_OUTCOMES && pushbacks * 2 >= evidence.size();
    }

    private void remember(Outcome outcome, long now) {
        evidence.addLast(outcome);
        while (!evidence.isEmpty() && (evidence.size() > MAX_EVIDENCE || evidence.peekFirst().at < now - evidenceWindow)) {
            evidence.removeFirst();
        }
    }

    private void release(Ticket ticket) {
        inFlight = Math.max(0, inFlight - 1);
        if (ticket.probe()) {
            probeOut = false;
        }
    }

    /** Sends allowed in any one second: a margin under the rate ceiling. */
    private int pace() {
        return rateCeiling == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, rateCeiling - 1 - margin(rateCeiling));
    }

    private static int margin(int rate) {
        return Math.max(1, rate / 50);
    }

    private void forgetSendsBefore(long cutoff) {
        while (!sends.isEmpty() && sends.peekFirst() <= cutoff) {
            sends.removeFirst();
        }
    }

    private int clamp(int value) {
        return Math.max(1, Math.min(max, value));
    }
}
