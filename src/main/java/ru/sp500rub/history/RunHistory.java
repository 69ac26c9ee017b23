package ru.sp500rub.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.report.Publication;
import ru.sp500rub.report.PublishedRun;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportJson;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.RunSummaryJson;
import ru.sp500rub.store.AtomicFile;

/**
 * Every run, good or failed, kept under reports.dir/history: one folder per run, named from its start
 * time and its id only ({@code 20260302T090000000Z-r1}), holding its run-summary.json as published
 * (last-failed-run.json's for a failed run) and, for a good run, the four reports as published. Its
 * files are written with AtomicFile (forced to disk) into a hidden folder in the same place, which is
 * renamed whole, so a reader sees an entry complete or not at all. Beyond {@code keep}
 * entries the oldest are deleted. Reading never trusts the folder: a name that is not an entry's, or
 * an entry that cannot be read back, is skipped with one warning; files are read up to a bound.
 */
public final class RunHistory {

    /** The folder under reports.dir. */
    public static final String FOLDER = "history";
    static final String SUMMARY_FILE = Publication.SUMMARY_FILE;
    static final String STAGING_PREFIX = ".writing-";
    static final int MAX_SUMMARY_BYTES = 4 * 1024 * 1024;
    static final int MAX_REPORT_BYTES = 256 * 1024;
    /** Unreadable entries a read may step over before it gives up on finding more. */
    static final int MAX_SKIPPED = 32;
    /** A staging folder older than this was left by a process that died while writing it. */
    static final Duration STALE_STAGING = Duration.ofHours(1);
    private static final Pattern ENTRY = Pattern.compile("\\d{8}T\\d{9}Z-[A-Za-z0-9_-]{1,40}(-\\d{1,2})?");
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_WARNED = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

    private final Path dir;
    private final int keep;
    private final Clock clock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @param dir reports.dir/history; @param keep how many entries are kept (history.keep) */
    public RunHistory(Path dir, int keep, Clock clock) {
        if (keep < 1) {
            throw new IllegalArgumentException("history.keep must be at least 1, was " + keep);
        }
        this.dir = dir;
        this.keep = keep;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The run-end step (bean {@code runHistory}): keeps the run, good or failed. An entry that cannot be
     * written (a full disk) costs that entry alone, with one warning: never the run, nor what follows it.
     */
    public void record(RunOutcome outcome) {
        try {
            add(outcome);
        } catch (IOException | RuntimeException e) {
            LOG.warn("History: run {} not kept in {}: {}", outcome.summary().runId(), dir, e.toString());
        }
    }

    /**
     * Keeps a run: its summary as published (with what it changed), and for a good run its four reports;
     * then deletes the entries beyond {@code keep}.
     */
    public synchronized HistoryEntry add(RunOutcome outcome) throws IOException {
        RunRecord run = RunRecord.of(outcome);
        Files.createDirectories(dir);
        Path staging = dir.resolve(STAGING_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        Files.createDirectory(staging);
        try {
            AtomicFile.write(staging.resolve(SUMMARY_FILE), RunSummaryJson.toJson(outcome));
            if (run.status().good()) {
                for (Report report : Report.values()) {
                    AtomicFile.write(staging.resolve(report.fileName()), ReportJson.toJson(report, outcome.rows(report)));
                }
            }
            String id = moveIntoPlace(staging, entryName(run));
            prune();
            return new HistoryEntry(id, run, outcome.changes());
        } finally {
            deleteFolder(staging);
        }
    }

    /** The newest {@code count} readable entries, newest first; summaries only. */
    public synchronized List<HistoryEntry> latest(int count) throws IOException {
        List<HistoryEntry> entries = new ArrayList<>();
        for (String id : newestNames(count + MAX_SKIPPED)) {
            if (entries.size() == count) {
                break;
            }
            readEntry(id).ifPresent(entries::add);
        }
        return entries;
    }

    /** A good run read back whole: its four lists, and what it changed against the good run before it. */
    public record GoodRun(PublishedRun published, Optional<RunChanges> changes) {
    }

    /** The newest good run whose entry reads back whole. */
    public synchronized Optional<GoodRun> lastGood() throws IOException {
        for (String id : newestNames(keep + MAX_SKIPPED)) {
            Optional<HistoryEntry> entry = readEntry(id).filter(e -> e.run().status().good());
            if (entry.isPresent()) {
                Optional<PublishedRun> published = readLists(entry.get());
                if (published.isPresent()) {
                    return Optional.of(new GoodRun(published.get(), entry.get().changes()));
                }
            }
        }
        return Optional.empty();
    }

    // --- writing ---

    private static String entryName(RunRecord run) {
        String id = run.runId().replaceAll("[^A-Za-z0-9_-]", "");
        id = id.isEmpty() ? "run" : id.substring(0, Math.min(id.length(), 40));
        return STARTED.format(run.start()) + "-" + id;
    }

    /** Renames the staged folder to its entry's name, or, if that is taken, to the first free "-N". */
    private String moveIntoPlace(Path staging, String name) throws IOException {
        for (int n = 1; n < 100; n++) {
            String id = n == 1 ? name : name + "-" + n;
            Path target = dir.resolve(id);
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return id;
            } catch (FileAlreadyExistsException e) {
                // taken meanwhile: the next name
            }
        }
        throw new IOException("no free history entry name for " + name + " in " + dir);
    }

    private void prune() throws IOException {
        List<String> names = allEntryNames();
        names.sort(Comparator.reverseOrder());
        for (String old : names.subList(Math.min(keep, names.size()), names.size())) {
            deleteFolder(dir.resolve(old));
        }
        Instant stale = clock.instant().minus(STALE_STAGING);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, STAGING_PREFIX + "*")) {
            for (Path staging : stream) {
                if (Files.getLastModifiedTime(staging).toInstant().isBefore(stale)) {
                    deleteFolder(staging);
                }
            }
        }
    }

    /** Deletes one entry folder and the files in it; a folder holding anything else is left, with a warning. */
    private void deleteFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isDirectory(file)) {
                    warnOnce(folder.getFileName().toString(), "holds a folder, so it is not deleted");
                    return;
                }
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }

    // --- reading ---

    /** The newest {@code limit} entry names, newest first, without listing more than that in memory. */
    private List<String> newestNames(int limit) throws IOException {
        PriorityQueue<String> newest = new PriorityQueue<>();
        forEachName(name -> {
            newest.add(name);
            if (newest.size() > limit) {
                newest.poll();
            }
        });
        List<String> names = new ArrayList<>(newest);
        names.sort(Comparator.reverseOrder());
        return names;
    }

    private List<String> allEntryNames() throws IOException {
        List<String> names = new ArrayList<>();
        forEachName(names::add);
        return names;
    }

    private void forEachName(java.util.function.Consumer<String> entryName) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (ENTRY.matcher(name).matches() && Files.isDirectory(path)) {
                    entryName.accept(name);
                } else if (!name.startsWith(STAGING_PREFIX)) {
                    warnOnce(name, "not a history entry");
                }
            }
        }
    }

    private Optional<HistoryEntry> readEntry(String id) throws IOException {
        try {
            HistoryEntry entry = HistoryJson.readSummary(id, read(dir.resolve(id).resolve(SUMMARY_FILE), MAX_SUMMARY_BYTES));
            return Optional.of(entry);
        } catch (HistoryJson.UnreadableException e) {
            warnOnce(id, SUMMARY_FILE + " unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<PublishedRun> readLists(HistoryEntry entry) throws IOException {
        Map<Report, List<ReportRow>> lists = new EnumMap<>(Report.class);
        for (Report report : Report.values()) {
            try {
                lists.put(report, HistoryJson.readReport(report, read(dir.resolve(entry.id()).resolve(report.fileName()), MAX_REPORT_BYTES)));
            } catch (HistoryJson.UnreadableException e) {
                warnOnce(entry.id(), report.fileName() + " unreadable: " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(new PublishedRun(entry.run(), lists));
    }

    /** A file's bytes, at most {@code max} of them; a missing or larger file is unreadable. */
    private static byte[] read(Path file, int max) throws IOException, HistoryJson.UnreadableException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new HistoryJson.UnreadableException("larger than " + max + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new HistoryJson.UnreadableException("missing");
        }
    }

    /** One warning per name per process: a broken entry stays broken and would repeat at every read. */
    private void warnOnce(String name, String what) {
        if (warned.size() >= MAX_WARNED) {
            warned.clear();
        }
        if (warned.add(name)) {
            LOG.warn("History: skipped {}/{}: {}", dir, shown(name, 80), shown(what, 300));
        }
    }

    /** Text from the folder (a name, a parser's message quoting a file) made safe for one log line. */
    static String shown(String text, int max) {
        String printable = text.codePoints().limit(max)
                .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > max ? printable + "..." : printable;
    }
}
