package ru.sp500rub.cluster;

import java.util.Objects;
import ru.sp500rub.model.IndexEntry;

/**
 * One company to fetch, as it crosses the broker: the run it belongs to and its index row. Stand-in for
 * the model's {@code CompanyTask(runId, IndexEntry listed)}, component for component.
 */
public record ClusterTask(String runId, IndexEntry listed) {
    public ClusterTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(listed, "listed");
    }
}
