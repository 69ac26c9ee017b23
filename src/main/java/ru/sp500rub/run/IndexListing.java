package ru.sp500rub.run;

import java.util.List;
import ru.sp500rub.model.IndexEntry;

/**
 * What one index page adds to a run: the companies not listed by an earlier page, and whether it was
 * the last page to be read (pages are read in parallel, so "last" is by completion, not by number).
 */
public record IndexListing(List<IndexEntry> newCompanies, boolean completesIndex) {
    public IndexListing {
        newCompanies = List.copyOf(newCompanies);
    }
}
