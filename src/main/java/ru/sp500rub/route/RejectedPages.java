package ru.sp500rub.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.report.RejectedPageName;
import ru.sp500rub.store.AtomicFile;

/**
 * Bean {@code rejectedPages}: a page in an unknown layout is kept under reports.dir/rejects/ for
 * diagnosis, bounded: at most its first {@value #MAX_BYTES} bytes, and the newest {@value #MAX_FILES}
 * pages (older ones are deleted), so a site that changed its layout for every page cannot fill the disk.
 */
public final class RejectedPages {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_FILES = 50;
    private static final Logger RUN_LOG = LoggerFactory.getLogger(Keys.RUN_LOG);
    private final Path rejectsDir;

    public RejectedPages(Path reportsDir) {
        this.rejectsDir = reportsDir.resolve("rejects");
    }

    public void save(@Body byte[] page, @ExchangeProperty(Keys.PAGE_URL) String pageUrl) {
        if (page == null) {
            return;
        }
        Path file = rejectsDir.resolve(RejectedPageName.of(pageUrl));
        try {
            AtomicFile.write(file, page.length <= MAX_BYTES ? page : Arrays.copyOf(page, MAX_BYTES));
            RUN_LOG.warn("Page in an unknown layout saved as {}{}", file, page.length > MAX_BYTES ? " (its first 1 MB)" : "");
            pruneOldest();
        } catch (IOException e) {
            RUN_LOG.warn("Page in an unknown layout could not be saved as {}: {}", file, FailureReasons.describe(e));
        }
    }

    private void pruneOldest() throws IOException {
        List<Path> saved;
        try (Stream<Path> files = Files.list(rejectsDir)) {
            saved = files.filter(f -> f.getFileName().toString().endsWith(".html"))
                    .sorted(Comparator.comparing(RejectedPages::modified).reversed()).toList();
        }
        for (Path old : saved.subList(Math.min(saved.size(), MAX_FILES), saved.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException gone) {
            return 0;
        }
    }
}
