package ru.sp500rub.model;

import java.util.Objects;

/** A page that could not be delivered after its retries, named by URL with the reason. */
public record PageFailure(String url, String reason) {
    public PageFailure {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
    }
}
