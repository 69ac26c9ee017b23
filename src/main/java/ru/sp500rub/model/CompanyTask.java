package ru.sp500rub.model;

import java.util.Objects;

/** One company to fetch for a run: the run's id and the company's index row (its page URL, its growth). */
public record CompanyTask(String runId, IndexEntry listed) {
    public CompanyTask {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(listed, "listed");
    }
}
