package ru.sp500rub.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import ru.sp500rub.store.PublishedFile;

/**
 * The files a good run publishes, as one list: each file's name and how it is rendered from the run's
 * outcome. The publishing route writes exactly these, as a set; adding a file is one entry here (the
 * service adds report.html, the status page, with {@link #with}).
 */
public final class Publication {

    public static final String SUMMARY_FILE = "run-summary.json";

    /** A file of the set: its name and its renderer. */
    public record Entry(String name, Function<RunOutcome, byte[]> renderer) {
    }

    private final List<Entry> entries;

    public Publication(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The four reports, then the run summary. */
    public static Publication standard() {
        List<Entry> entries = new ArrayList<>();
        for (Report report : Report.values()) {
            entries.add(new Entry(report.fileName(), outcome -> ReportJson.toJson(report, outcome.rows(report))));
        }
        entries.add(new Entry(SUMMARY_FILE, RunSummaryJson::toJson));
        return new Publication(entries);
    }

    /** This publication with one more file, written last. */
    public Publication with(Entry entry) {
        if (fileNames().contains(entry.name())) {
            throw new IllegalArgumentException(entry.name() + " is already published");
        }
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new Publication(more);
    }

    public List<String> fileNames() {
        return entries.stream().map(Entry::name).toList();
    }

    /** Every file of the set, rendered from a published run's outcome. */
    public List<PublishedFile> render(RunOutcome outcome) {
        if (outcome.failure().isPresent()) {
            throw new IllegalArgumentException("a failed run publishes nothing: " + outcome.failure().get());
        }
        return entries.stream().map(e -> new PublishedFile(e.name(), e.renderer().apply(outcome))).toList();
    }
}
