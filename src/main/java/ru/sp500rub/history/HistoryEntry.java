package ru.sp500rub.history;

import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunRecord;

/**
 * One run kept in the history: its folder's name ({@code id}: the run's start time and id, nothing
 * else), its record, and what it changed against the good run before it (good runs only).
 */
public record HistoryEntry(String id, RunRecord run, Optional<RunChanges> changes) {
    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(changes, "changes");
    }
}
