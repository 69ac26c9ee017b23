package ru.sp500rub.store;

import java.util.Objects;

/** One file of a run's published set, rendered: its name in reports.dir and its bytes. */
public record PublishedFile(String name, byte[] content) {
    public PublishedFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
