package ru.sp500rub.fetch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run's circuit breaker over its company pages (each counted once, when it is delivered or lost for
 * good). It trips, with one reason for the whole run, when
 * <ul>
 *   <li>the first {@code firstPages} pages all failed: the site is down, or its pages are in a layout
 *       nobody knows, and asking for 490 more would only say so 490 more times;</li>
 *   <li>or, later, at least {@code failShare} of the last {@code window} pages failed.</li>
 * </ul>
 * Until the first page succeeds, at most {@code canaries} pages are in progress: a run whose every page
 * fails stops after a handful of requests, not after a first wave of 32.
 */
public final class RunBreaker {

    private final int firstPages;
    private final int window;
    private final double failShare;
    private final int canaries;
    private static final String SUCCESS = "";
    private final Deque<String> recent = new ArrayDeque<>(); // failure reasons, SUCCESS for a success
    private final Map<String, Integer> firstFailures = new HashMap<>();
    private int outcomes;
    private boolean anySuccess;
    private String tripped;

    public RunBreaker(int firstPages, int window, double failShare, int canaries) {
        if (firstPages < 1 || window < 1 || failShare <= 0 || failShare > 1 || canaries < 1) {
            throw new IllegalArgumentException("bad breaker settings");
        }
        this.firstPages = firstPages;
        this.window = window;
        this.failShare = failShare;
        this.canaries = canaries;
    }

    public static RunBreaker defaults() {
        return new RunBreaker(5, 20, 0.8, 4);
    }

    public synchronized void succeeded() {
        anySuccess = true;
        add(null);
    }

    /** A page lost for good, with its reason without the URL ("HTTP 503", "layout not recognised"). */
    public synchronized void failed(String reason) {
        reason = reason == null || reason.isBlank() ? "unknown failure" : reason;
        if (!anySuccess) {
            firstFailures.merge(reason, 1, Integer::sum);
        }
        add(reason);
        if (tripped != null) {
            return;
        }
        if (!anySuccess && outcomes >= firstPages) {
            Map.Entry<String, Integer> most = mostCommon(firstFailures);
            tripped = most.getValue() == outcomes
                    ? "the first " + outcomes + " company pages all failed the same way: " + most.getKey()
                    : "the first " + outcomes + " company pages all failed (" + most.getValue() + " with: " + most.getKey() + ")";
            return;
        }
        if (recent.size() >= window) {
            Map<String, Integer> reasons = new HashMap<>();
            int failed = 0;
            for (String r : recent) {
                if (!SUCCESS.equals(r)) {
                    failed++;
                    reasons.merge(r, 1, Integer::sum);
                }
            }
            if (failed >= Math.ceil(failShare * window)) {
                tripped = failed + " of the last " + window + " company pages failed (most with: " + mostCommon(reasons).getKey() + ")";
            }
        }
    }

    /** The reason the run must stop, once tripped. */
    public synchronized Optional<String> tripped() {
        return Optional.ofNullable(tripped);
    }

    /** Whether another company page may start while {@code inProgress} are under way. */
    public synchronized boolean admits(int inProgress) {
        return anySuccess || inProgress < canaries;
    }

    private void add(String reason) {
        outcomes++;
        recent.addLast(reason == null ? SUCCESS : reason);
        if (recent.size() > window) {
            recent.removeFirst();
        }
    }

    private static Map.Entry<String, Integer> mostCommon(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    }
}
