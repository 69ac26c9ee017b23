package ru.sp500rub.run;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The runs in progress, by id: a message names its run by id, and whoever handles it looks the run up
 * here, so no run state travels with a message. A run is removed when it ends.
 */
public final class RunRegistry {

    private static final int ENDED_KEPT = 64;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Map<String, ScrapeRun> runs = new ConcurrentHashMap<>();
    /** The last runs to have ended: a stray retry of theirs must not reach the site. */
    private final Set<String> ended = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_KEPT;
        }
    });

    private final Duration runTimeout;
    private final FetchRuns fetchRuns;

    /** @param fetchRuns how each run will ask the site: its own budget and breaker, the service's shared limit */
    public RunRegistry(Clock clock, Duration runTimeout, FetchRuns fetchRuns) {
        this.clock = clock;
        this.runTimeout = runTimeout;
        this.fetchRuns = fetchRuns;
    }

    /** A new run, registered: its id is the UTC time it started plus a random suffix ({@code 20261201T101530Z-3f9a}). */
    public ScrapeRun start(String trigger) {
        String id = ID_TIME.format(clock.instant()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        ScrapeRun run = new ScrapeRun(id, trigger, clock, runTimeout, fetchRuns.newRun(runTimeout), fetchRuns::concurrencyLimit);
        runs.put(id, run);
        return run;
    }

    /** The run of that id while it is in progress. */
    public Optional<ScrapeRun> find(String runId) {
        return runId == null ? Optional.empty() : Optional.ofNullable(runs.get(runId));
    }

    public ScrapeRun get(String runId) {
        return find(runId).orElseThrow(() -> new IllegalStateException("no run in progress with id " + runId));
    }

    /** The run has failed, or has ended: what is still queued for it is not worth a request. */
    public boolean isOver(String runId) {
        ScrapeRun run = runs.get(runId);
        if (run != null) {
            return run.checkDeadline();
        }
        synchronized (ended) {
            return ended.contains(runId);
        }
    }

    /** Every run in progress is given up for {@code reason} (the service is stopping). */
    public void abandonAll(String reason) {
        runs.values().forEach(run -> run.abandon(reason));
    }

    /**
     * Another instance's run is over (its leader said so over the broker): what this instance still has
     * queued or retried for it asks the site for nothing more. A run of this instance's own ends by {@link #end}.
     */
    public void markOver(String runId) {
        if (runId == null || runs.containsKey(runId)) {
            return;
        }
        synchronized (ended) {
            ended.add(runId);
        }
    }

    public void end(String runId) {
        if (runId == null) {
            return;
        }
        ScrapeRun run = runs.remove(runId);
        if (run != null) {
            run.abandon("ended");
            synchronized (ended) {
                ended.add(runId);
            }
        }
    }
}
