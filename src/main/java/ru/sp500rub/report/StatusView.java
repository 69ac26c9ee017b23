package ru.sp500rub.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the status page shows, gathered by whoever holds the service's state.
 *
 * @param lastRun   the last run, good or failed
 * @param published the last good run and its four lists: what the published reports hold
 * @param changes   what the last good run changed against the good run before it
 * @param history   recent runs, oldest first, for the history charts
 */
public record StatusView(Mode mode, Instant generatedAt, Optional<RunRecord> lastRun,
                         Optional<PublishedRun> published, Optional<RunChanges> changes, List<RunRecord> history) {

    /**
     * SERVED: the page at the ops server's "/", which links to the health and metrics beside it. FILE:
     * report.html in reports.dir, opened from disk, where only the report files beside it can be linked.
     */
    public enum Mode { SERVED, FILE }

    public StatusView {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(changes, "changes");
        history = List.copyOf(history);
    }
}
