package ru.sp500rub.route;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.report.RejectedPageName;
import ru.sp500rub.store.AtomicFile;

/** Bean {@code rejectedPages}: a page in an unknown layout is kept under reports.dir/rejects/ for diagnosis. */
public final class RejectedPages {

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
            AtomicFile.write(file, page);
            RUN_LOG.warn("Page in an unknown layout saved as {}", file);
        } catch (IOException e) {
            RUN_LOG.warn("Page in an unknown layout could not be saved as {}: {}", file, FailureReasons.describe(e));
        }
    }
}
