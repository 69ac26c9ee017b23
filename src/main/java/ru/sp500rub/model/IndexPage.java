package ru.sp500rub.model;

import java.util.List;

/** What one components index page says: its companies and how many pages the pager announces. */
public record IndexPage(List<IndexEntry> entries, int pageCount) {
    public IndexPage {
        entries = List.copyOf(entries);
        if (pageCount < 1) {
            throw new IllegalArgumentException("pageCount must be >= 1, was " + pageCount);
        }
    }
}
