package ru.sp500rub.fetch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How many requests a site takes at once, and how many a second, learned from its answers alone: no
 * setting tells it the site's limit. Pure: time comes in as nanoseconds from the caller.
 *
 * <p>Why not concurrency-limits' AIMDLimit (x0.9 per drop, +1 per success)? Measured on the replay
 * (bench/FETCH-RESULTS.md): next to a cap of 8 it overshoots every few answers (36 % of requests 429,
 * 1.9-2.2x the bound), against 50 requests a second (its 429s counted in the site's window) 41 %, and
 * it holds a site that fails 20 % of pages once, at any load, at 23 of 32. Here a pushback (429, 503,
 * a timeout) is put down to load only on
 * evidence, kept since the last decrease for {@code evidenceWindow}, of what levels each request was
 * sent at (in flight, and sent in the last second, itself included):
 * <ol>
 *   <li><b>Levels.</b> The pushbacks sent above some level t are too many to be background: at least
 *       {@value #MIN_LOAD_PUSHBACKS}, at least half of what was sent above t, and a binomial tail
 *       under {@value #ALPHA} against the pushback share seen at or below t. Background faults come
 *       at every level, mixed with successes, and never pass. The lowest level that failed becomes a
 *       ceiling; the limit stays under it (at most halving at once).</li>
 *   <li><b>Rates.</b> The same test on the rate level, but only once a concurrency ceiling is known and
 *       this request was sent under it, after a second of sending, and when the levels do not come
 *       close to explaining it (tail at least {@value #LEVELS_SILENT}): a site that still pushes back
 *       there is counting requests per second, not in flight (in the first second the rate level
 *       rises with time alone, and explains a concurrency cap as well as a rate limit). Sends are
 *       then paced under the rate ceiling.</li>
 *   <li><b>The top level.</b> At the level we run at, at least {@value #TOP_MIN_PUSHBACKS} pushbacks
 *       and 30 % of what went there over three rounds' worth at least (our count of what is in flight
 *       runs ahead of the site's, more so on a busy machine): down in proportion to the share pushed
 *       back, that level the ceiling.</li>
 *   <li><b>Storm.</b> Half of all outcomes pushed back and nothing above explains it (the site's
 *       capacity fell, or its rate window is still full): down in proportion, as for the top level.</li>
 * </ol>
 * At a limit of 1 neither of the last two lowers the ceiling: a request alone in flight that is refused
 * meets a site that is down or a rate window still full, not a cap of one.
 * Only requests sent after the last decrease can cause another (TCP's "once per window"). Above a
 * ceiling, one probe at a time, exponentially spaced ({@code probeBase}, doubled at each decrease or
 * failed probe); a probe that succeeds raises the ceiling by one, on trial: our count of what is in
 * flight runs ahead of the site's, so a probe we number 5 may have met 4 at the site. If the next
 * {@value #TRIAL_OUTCOMES} or more outcomes at the raised limit are pushed back clearly more often
 * than before the raise (by {@value #TRIAL_MARGIN} of them, at least {@value #TRIAL_MIN_PUSHBACKS}), the
 * raise is undone: a steady share of 429s just over a cap, landing on any level, is what no level
 * test can see, and what lowering the limit ends. Growth: +1 per success (doubling per
 * round trip) until a ceiling is known, then +1 per round trip up to just under it. The state can be
 * exported so that a run starts where the last one left off.
 */
public final class AdaptiveLimit implements ConcurrencyLimit {

    static final int MIN_LOAD_PUSHBACKS = 3;
    static final int MIN_RATE_PUSHBACKS = 6;
    static final int TOP_MIN_PUSHBACKS = 8;
    static final int STORM_MIN_OUTCOMES = 20;
    static final double ALPHA = 1e-3;
    static final double LEVELS_SILENT = 0.05;
    static final int MIN_BELOW = 8;
    static final int TRIAL_OUTCOMES = 20;
    static final int TRIAL_MIN_PUSHBACKS = 2;
    static final double TRIAL_MARGIN = 0.05;
    private static final int MAX_EVIDENCE = 2048;
    private static final long SECOND = 1_000_000_000L;
    private static final int NONE = Integer.MAX_VALUE;

    private final int max;
    private final long evidenceWindow;
    private final long probeBase;
    private final long probeMax;

    private int limit;
    private int ceiling = NONE;
    private int rateCeiling = NONE;
    private long firstSendAt = Long.MIN_VALUE;
    private boolean slowStart = true;
    private double growth;
    private int inFlight;
    private long lastDecreaseAt = Long.MIN_VALUE;
    private long probeInterval;
    private long nextProbeAt;
    private boolean probeOut;
    private long decreases;
    private final Deque<Long> sends = new ArrayDeque<>();
    private double tokens;
    private long tokensAt;
    private final Deque<Outcome> evidence = new ArrayDeque<>();
    private volatile Consumer<String> changes = change -> { };
    private Trial trial;

    /** A raise by a probe, on trial: what it was before, and what the site has said since. */
    private static final class Trial {
        final int limitBefore;
        final int ceilingBefore;
        final long startedAt;
        final double baseline;
        int outcomes;
        int pushbacks;

        Trial(int limitBefore, int ceilingBefore, long startedAt, double baseline) {
            this.limitBefore = limitBefore;
            this.ceilingBefore = ceilingBefore;
            this.startedAt = startedAt;
            this.baseline = baseline;
        }
    }

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
     * @param evidenceWindow how long an outcome counts as evidence
     * @param probeBase      the first wait before probing above a ceiling
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
        this.probeInterval = this.probeBase;
        this.nextProbeAt = now + this.probeBase;
    }

    /** Starts where an earlier run left off (its {@link #state()}), clamped to this max. */
    public static AdaptiveLimit startingAt(int max, State state, Duration evidenceWindow, Duration probeBase, long now) {
        AdaptiveLimit limit = new AdaptiveLimit(max, state.limit(), evidenceWindow, probeBase, now);
        synchronized (limit) {
            limit.ceiling = state.ceiling() == 0 ? NONE : Math.max(2, state.ceiling());
            limit.rateCeiling = state.rateCeiling() == 0 ? NONE : Math.max(3, state.rateCeiling());
            limit.slowStart = limit.ceiling == NONE;
            limit.limit = limit.clamp(Math.min(limit.limit, limit.ceiling - 1));
        }
        return limit;
    }

    /**
     * Tells {@code listener} of every decrease and successful probe, one line each ("decrease (levels
     * ...) -> limit=8 ceiling=9 rate-ceiling=0, ticket level 9 rate 24"), for a log or a benchmark.
     * Called under this limit's lock: keep it short.
     */
    public void onChange(Consumer<String> listener) {
        this.changes = listener;
    }

    public synchronized State state() {
        return new State(limit, ceiling == NONE ? 0 : ceiling, rateCeiling == NONE ? 0 : rateCeiling);
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

    @Override
    public synchronized Optional<Ticket> tryAcquire(long now) {
        forgetSendsBefore(now - SECOND);
        int rateLevel = sends.size() + 1;
        boolean underLimit = inFlight < limit;
        boolean underPace = rateLevel <= pace() && paceTokens(now) >= 1;
        boolean probe = false;
        if (!underLimit || !underPace) {
            // a probe goes one step above what a ceiling holds us to (never above max), and a rate
            // probe up to the rate ceiling itself, so that a probe can also confirm it
            boolean heldByCeiling = !underLimit && limit >= ceiling - 1 && inFlight < max;
            boolean heldByPace = !underPace && rateCeiling != NONE && rateLevel <= rateCeiling;
            probe = !probeOut && now >= nextProbeAt && (underLimit || heldByCeiling) && (underPace || heldByPace);
            if (!probe) {
                return Optional.empty();
            }
            probeOut = true;
        }
        inFlight++;
        sends.addLast(now);
        if (firstSendAt == Long.MIN_VALUE) {
            firstSendAt = now;
        }
        if (rateCeiling != NONE && !probe) {
            tokens = paceTokens(now) - 1;
            tokensAt = now;
        }
        return Optional.of(new Ticket(now, inFlight, rateLevel, probe));
    }

    @Override
    public synchronized long nanosUntilPaceAllows(long now) {
        forgetSendsBefore(now - SECOND);
        if (rateCeiling == NONE) {
            return 0;
        }
        double tokensNow = paceTokens(now);
        if (tokensNow < 1) {
            return Math.max(1, (long) ((1 - tokensNow) * SECOND / pace()));
        }
        int excess = sends.size() + 1 - pace();
        if (excess <= 0 || sends.isEmpty()) {
            return 0;
        }
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
                trial = new Trial(limit, ceiling, now, pushbackShare());
                ceiling = Math.max(ceiling, ticket.level() + 1);
                limit = clamp(ticket.level());
            }
            if (rateCeiling != NONE && ticket.rateLevel() > pace()) {
                rateCeiling = Math.max(rateCeiling, ticket.rateLevel() + 1);
            }
            trace("probe succeeded", ticket, "");
            nextProbeAt = now + probeInterval; // one success proves little: the next probe is no sooner
            return;
        }
        if (onTrial(ticket, false, now)) {
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
        if (onTrial(ticket, true, now)) {
            return;
        }
        String cause = null;
        Verdict levels = verdict(false, MIN_LOAD_PUSHBACKS);
        if (levels.load) {
            // to just under the lowest level that failed, but at most halving at once
            ceiling = Math.min(ceiling, Math.max(Math.max(2, levels.lowestFailed), limit / 2 + 1));
            limit = clamp(Math.min(limit, ceiling - 1));
            cause = "levels " + levels;
        } else {
            boolean underCeiling = ceiling != NONE && ticket.level() < ceiling;
            boolean windowFull = now - firstSendAt >= SECOND;
            // and only when the levels do not come close to explaining it
            boolean levelsSilent = levels.tail >= LEVELS_SILENT;
            Verdict rates = underCeiling && windowFull && levelsSilent ? verdict(true, MIN_RATE_PUSHBACKS) : Verdict.NONE;
            double topShare = topShare();
            if (rates.load) {
                rateCeiling = Math.min(rateCeiling, Math.max(3, rates.lowestFailed));
                tokens = 0;
                tokensAt = now;
                cause = "rates " + rates;
            } else if (limit == 1) {
                // nothing else in flight and still refused: the site is down or its rate window still full,
                // not a cap of one; waiting is all there is to do, and a ceiling learned here would stay
            } else if (topShare > 0) {
                ceiling = Math.min(ceiling, Math.max(2, limit));
                // in proportion: all pushed back (a rate window still full, or well over a cap) is down to 1,
                // from where it grows back one per round trip to just under the ceiling
                limit = clamp(Math.min(limit - 1, (int) Math.ceil(limit * (1 - topShare))));
                cause = String.format("top level, %.0f %% pushed back", topShare * 100);
            } else if (stormShare() > 0) {
                double share = stormShare();
                ceiling = Math.min(ceiling, Math.max(2, limit));
                limit = clamp(Math.min(limit - 1, (int) Math.ceil(limit * (1 - share))));
                cause = String.format("storm, %.0f %% pushed back", share * 100);
            }
        }
        if (cause != null) {
            trace("decrease", ticket, cause);
            decreased(now);
        }
    }

    @Override
    public synchronized void ignored(Ticket ticket) {
        release(ticket);
    }

    /**
     * Counts an outcome of a raise on trial; once enough are in, undoes the raise (true) if the site has
     * pushed back clearly more often since, or confirms it.
     */
    private boolean onTrial(Ticket ticket, boolean pushback, long now) {
        if (trial == null || ticket.sentAt() <= trial.startedAt) {
            return false;
        }
        trial.outcomes++;
        trial.pushbacks += pushback ? 1 : 0;
        if (trial.outcomes < Math.max(TRIAL_OUTCOMES, 2 * limit)) {
            return false;
        }
        Trial ended = trial;
        trial = null;
        double share = (double) ended.pushbacks / ended.outcomes;
        if (ended.pushbacks < TRIAL_MIN_PUSHBACKS || share <= ended.baseline + TRIAL_MARGIN) {
            return false;
        }
        limit = clamp(ended.limitBefore);
        ceiling = ended.ceilingBefore;
        trace("probe undone", ticket, String.format("%.0f %% pushed back since, %.0f %% before", share * 100, ended.baseline * 100));
        decreased(now);
        return true;
    }

    /** The share of remembered outcomes that were pushed back. */
    private double pushbackShare() {
        if (evidence.isEmpty()) {
            return 0;
        }
        int pushbacks = 0;
        for (Outcome o : evidence) {
            pushbacks += o.pushback ? 1 : 0;
        }
        return (double) pushbacks / evidence.size();
    }

    private void decreased(long now) {
        trial = null;
        decreases++;
        slowStart = false;
        growth = 0;
        lastDecreaseAt = now;
        evidence.clear();
        // each decrease spaces the probes further apart: a ceiling that keeps being met is real
        probeInterval = Math.min(probeMax, probeInterval * 2);
        nextProbeAt = now + probeInterval;
    }

    /** Load, and the lowest level that failed; or not load. */
    private record Verdict(boolean load, int lowestFailed, double tail) {
        static final Verdict NONE = new Verdict(false, 0, 1);
    }

    /**
     * The level t that best tells pushbacks from background, on one dimension: above t at least
     * {@code minPushbacks} pushbacks, at least half of what was sent there, at or below t at least
     * {@value #MIN_BELOW} outcomes, and a binomial tail (how likely that many pushbacks would be at the
     * share seen at or below t, smoothed) under {@value #ALPHA} shared among the levels tried. The
     * smallest tail wins.
     */
    private Verdict verdict(boolean rate, int minPushbacks) {
        int n = evidence.size();
        int[] levels = new int[n];
        boolean[] pushback = new boolean[n];
        int totalPushbacks = 0;
        int i = 0;
        for (Outcome o : evidence) {
            levels[i] = rate ? o.rateLevel : o.level;
            pushback[i] = o.pushback;
            totalPushbacks += o.pushback ? 1 : 0;
            i++;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> Integer.compare(levels[b], levels[a]));
        // every level tried is one more chance for background faults to look like load: the threshold is
        // shared among them (Bonferroni), and a split needs a few outcomes beneath it to say what is background
        long levelsTried = Arrays.stream(levels).distinct().count();
        double alpha = ALPHA / Math.max(1, levelsTried);
        Verdict best = Verdict.NONE;
        int above = 0;
        int abovePushbacks = 0;
        int lowestPushback = NONE;
        for (int k = 0; k < n; k++) {
            int o = order[k];
            above++;
            if (pushback[o]) {
                abovePushbacks++;
                lowestPushback = Math.min(lowestPushback, levels[o]);
            }
            boolean lastOfLevel = k == n - 1 || levels[order[k + 1]] != levels[o];
            if (!lastOfLevel || abovePushbacks < minPushbacks || abovePushbacks * 2 < above) {
                continue;
            }
            int below = n - above;
            if (below < MIN_BELOW) {
                continue;
            }
            double background = (totalPushbacks - abovePushbacks + 1.0) / (below + 2.0);
            double tail = binomialTail(above, abovePushbacks, background);
            if (tail < best.tail) {
                best = new Verdict(tail < alpha, lowestPushback, tail);
            }
        }
        return best.load ? best : new Verdict(false, 0, best.tail);
    }

    /** P(X >= k) for X ~ Binomial(n, p), summed in log space, stopping once the terms stop counting. */
    static double binomialTail(int n, int k, double p) {
        if (k <= 0) {
            return 1;
        }
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logTerm = logChoose(n, k) + k * logP + (n - k) * logQ;
        double sum = 0;
        for (int i = k; i <= n; i++) {
            double term = Math.exp(logTerm);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
            logTerm += Math.log((double) (n - i) / (i + 1)) + logP - logQ;
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log((double) (n - k + i) / i);
        }
        return sum;
    }

    /**
     * The share pushed back at the level we run at, if it is too much over at least three rounds' worth
     * of outcomes there (see the class comment); else 0.
     */
    private double topShare() {
        int sent = 0;
        int pushbacks = 0;
        for (Outcome o : evidence) {
            if (o.level >= limit) {
                sent++;
                pushbacks += o.pushback ? 1 : 0;
            }
        }
        // over three rounds at least: a share of a single round is what background faults make by chance
        return pushbacks >= TOP_MIN_PUSHBACKS && sent >= 3 * limit && pushbacks * 10 >= sent * 3 ? (double) pushbacks / sent : 0;
    }

    /** The share of all outcomes pushed back, if it is at least half of {@value #STORM_MIN_OUTCOMES} or more; else 0. */
    private double stormShare() {
        int pushbacks = 0;
        for (Outcome o : evidence) {
            pushbacks += o.pushback ? 1 : 0;
        }
        return evidence.size() >= STORM_MIN_OUTCOMES && pushbacks * 2 >= evidence.size() ? (double) pushbacks / evidence.size() : 0;
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

    /**
     * Under a rate ceiling, sends are spread evenly (a token bucket holding a tenth of a second's
     * worth): a burst at the turn of our one-second window lands in the site's window together with
     * the last one, because its clock and ours do not turn together.
     */
    private double paceTokens(long now) {
        if (rateCeiling == NONE) {
            return Double.MAX_VALUE;
        }
        double burst = Math.max(1, pace() / 10.0);
        return Math.min(burst, tokens + (now - tokensAt) * (double) pace() / SECOND);
    }

    /** Sends allowed in any one second: a margin under the rate ceiling. */
    private int pace() {
        return rateCeiling == NONE ? NONE : Math.max(1, rateCeiling - 1 - margin(rateCeiling));
    }

    /** The site's window and ours do not start at the same instant: stay 4 % (at least 2) under. */
    private static int margin(int rate) {
        return Math.max(2, (rate * 4 + 99) / 100);
    }

    private void forgetSendsBefore(long cutoff) {
        while (!sends.isEmpty() && sends.peekFirst() <= cutoff) {
            sends.removeFirst();
        }
    }

    private int clamp(int value) {
        return Math.max(1, Math.min(max, value));
    }

    private void trace(String what, Ticket ticket, String cause) {
        changes.accept(String.format("%s (%s) -> %s, ticket level %d rate %d%s", what, cause, state().text(), ticket.level(),
                ticket.rateLevel(), ticket.probe() ? " probe" : ""));
    }
}
