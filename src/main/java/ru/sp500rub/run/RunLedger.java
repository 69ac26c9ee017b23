package ru.sp500rub.run;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import ru.sp500rub.model.IndexEntry;

/**
 * One run's companies: each listed company is handed out once (as a task to the company route, here or
 * over the broker), and the first answer for it is the one that counts. Over a broker, delivery is at
 * least once, so a page may answer twice (a worker that died after sending its result, a task given back
 * by a restarted broker): a second answer is a duplicate, and an answer for a page the run never listed
 * is refused. Thread-safe.
 *
 * <p>An accepted answer comes with the run's own index row: the run converts it with that row (its growth
 * included), never with what came back on the wire.
 */
public final class RunLedger {

    public enum Verdict { ACCEPTED, DUPLICATE, NOT_LISTED }

    /** What {@link #claim} decided, with the run's own index row when the answer is accepted. */
    public record Answer(Verdict verdict, Optional<IndexEntry> listed) {
    }

    private final Map<String, IndexEntry> listed = new LinkedHashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private int recorded;
    private int duplicates;

    /** Lists a company for the run: true the first time its page is listed, false for a row listed twice. */
    public synchronized boolean list(IndexEntry entry) {
        return listed.putIfAbsent(entry.pageUrl().toString(), entry) == null;
    }

    /**
     * The answer for a page: accepted the first time, when the page is listed. The caller records an
     * accepted answer, then says {@link #recorded()}: a run waiting for its answers wakes only once the
     * last one is in its figures.
     */
    public synchronized Answer claim(URI pageUrl) {
        IndexEntry entry = listed.get(pageUrl.toString());
        if (entry == null) {
            return new Answer(Verdict.NOT_LISTED, Optional.empty());
        }
        if (!claimed.add(pageUrl.toString())) {
            duplicates++;
            return new Answer(Verdict.DUPLICATE, Optional.empty());
        }
        return new Answer(Verdict.ACCEPTED, Optional.of(entry));
    }

    public synchronized void recorded() {
        recorded++;
        notifyAll();
    }

    /**
     * Waits until every listed company's answer is recorded: true when they are, false when {@code timeout}
     * ran out first or {@code givenUp} says the run is over (it is asked again on every {@link #wake()}).
     */
    public synchronized boolean awaitAll(Duration timeout, BooleanSupplier givenUp) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (recorded < listed.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || givenUp.getAsBoolean()) {
                return false;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
        }
        return true;
    }

    /** Something a waiter should look at again (the run was given up). */
    public synchronized void wake() {
        notifyAll();
    }

    public synchronized int listedCount() {
        return listed.size();
    }

    public synchronized int answeredCount() {
        return recorded;
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    /** The companies still without an answer. */
    public synchronized List<IndexEntry> unanswered() {
        return listed.entrySet().stream().filter(e -> !claimed.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }
}
