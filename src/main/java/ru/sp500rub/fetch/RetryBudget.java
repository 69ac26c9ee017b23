package ru.sp500rub.fetch;

/**
 * One run's allowance for extra requests (retries and hedges together): at most {@code ratio} of the
 * first attempts so far, plus a small {@code floor} so that the first pages can be retried at all
 * (Envoy's retry budget; the SRE book's per-client retry ratio). A failing site then gets a bounded
 * multiple of one request per page, however many pages fail.
 */
public final class RetryBudget {

    private final double ratio;
    private final int floor;
    private long firstAttempts;
    private long extras;
    private long refused;

    public RetryBudget(double ratio, int floor) {
        if (ratio < 0 || ratio > 10 || floor < 0) {
            throw new IllegalArgumentException("ratio must be in [0, 10] and floor >= 0, got " + ratio + ", " + floor);
        }
        this.ratio = ratio;
        this.floor = floor;
    }

    public synchronized void firstAttempt() {
        firstAttempts++;
    }

    /** Takes one extra request from the budget, or says no. */
    public synchronized boolean tryExtra() {
        if (extras < floor + (long) Math.floor(ratio * firstAttempts)) {
            extras++;
            return true;
        }
        refused++;
        return false;
    }

    public synchronized long firstAttempts() {
        return firstAttempts;
    }

    public synchronized long extras() {
        return extras;
    }

    public synchronized long refused() {
        return refused;
    }

    /** For a page's failure reason: "retry budget of the run spent (12 extra requests for 40 pages)". */
    public synchronized String spent() {
        return "retry budget of the run spent (" + extras + " extra requests for " + firstAttempts + " first requests)";
    }
}
