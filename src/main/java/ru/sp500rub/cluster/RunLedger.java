package ru.sp500rub.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.PageFailure;

/**
 * One run's companies sent over the broker, on the instance that runs it: which were sent, which have
 * answered, and the answer that counted. Delivery is at least once, so a page may answer twice (a worker
 * that died after sending its result, a task given back by a restarted broker): only the first answer
 * counts. An answer for a page the run never sent is refused. Thread-safe.
 *
 * <p>The index row of an accepted answer comes from here, not from the wire: the run converts it with
 * its own row (growth included) and its own pinned rate.
 */
public final class RunLedger {

    public enum Verdict { ACCEPTED, DUPLICATE, NOT_SENT, OTHER_RUN }

    /** What {@link #accept} decided, with the run's own index row when accepted. */
    public record Acceptance(Verdict verdict, Optional<IndexEntry> listed) {
    }

    private final String runId;
    private final Map<URI, IndexEntry> sent = new LinkedHashMap<>();
    private final Map<URI, ClusterResult> answered = new LinkedHashMap<>();
    private int duplicates;

    public RunLedger(String runId) {
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    /** Called before the task is sent, so that the quickest answer finds it here. */
    public synchronized void sending(IndexEntry listed) {
        sent.putIfAbsent(listed.pageUrl(), listed);
    }

    public synchronized Acceptance accept(ClusterResult result) {
        if (!result.runId().equals(runId)) {
            return new Acceptance(Verdict.OTHER_RUN, Optional.empty());
        }
        IndexEntry listed = sent.get(result.pageUrl());
        if (listed == null) {
            return new Acceptance(Verdict.NOT_SENT, Optional.empty());
        }
        if (answered.putIfAbsent(result.pageUrl(), result) != null) {
            duplicates++;
            return new Acceptance(Verdict.DUPLICATE, Optional.empty());
        }
        notifyAll();
        return new Acceptance(Verdict.ACCEPTED, Optional.of(listed));
    }

    /** A task that could not even be queued counts as answered, with the reason. */
    public void couldNotSend(IndexEntry listed, String reason) {
        accept(ClusterResult.failed(runId, listed.pageUrl(), reason, ResultFigures.none()));
    }

    /** Waits until every page sent has answered; false when the time ran out first. */
    public synchronized boolean awaitAllAnswered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.size() < sent.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public synchronized int sentCount() {
        return sent.size();
    }

    public synchronized int answeredCount() {
        return answered.size();
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    public synchronized List<ClusterResult> answers() {
        return List.copyOf(answered.values());
    }

    public synchronized List<PageFailure> failures() {
        List<PageFailure> failures = new ArrayList<>();
        answered.values().forEach(r -> r.failure().ifPresent(failures::add));
        return failures;
    }

    /** The pages still waiting for an answer, named for the summary of a run that timed out. */
    public synchronized List<IndexEntry> unanswered() {
        return sent.entrySet().stream().filter(e -> !answered.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
    }
}
