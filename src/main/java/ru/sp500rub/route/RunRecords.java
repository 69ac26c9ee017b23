package ru.sp500rub.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunSummary;
import ru.sp500rub.report.RunSummaryJson;
import ru.sp500rub.run.RunFailedException;
import ru.sp500rub.store.AtomicFile;

/**
 * Bean {@code runRecords}: what every ended run leaves for an operator. A failed run leaves the
 * published set alone and says why beside it (last-failed-run.json) and beside its inbox file; every
 * run ends with one log line. Writing a record never fails the run again: a record that cannot be
 * written is one warning.
 */
public final class RunRecords {

    public static final String FAILED_RUN_FILE = "last-failed-run.json";
    private static final Logger RUN_LOG = LoggerFactory.getLogger(Keys.RUN_LOG);

    private final Path reportsDir;
    private final Path failedInboxDir;

    public RunRecords(Path reportsDir, Path inboxDir) {
        this.reportsDir = reportsDir;
        this.failedInboxDir = inboxDir.resolve(".failed");
    }

    public void record(@Body RunOutcome outcome, @ExchangeProperty(Keys.INBOX_FILE) String inboxFile) {
        RunSummary summary = outcome.summary();
        if (outcome.failure().isEmpty()) {
            RUN_LOG.info("Run {} finished in {} s: {}/{} companies delivered, {} failed; reports in {}", summary.runId(),
                    summary.duration().toMillis() / 1000.0, summary.companiesDelivered(), summary.companiesListed(),
                    summary.failures().size(), reportsDir.toAbsolutePath());
            return;
        }
        String reason = outcome.failure().get();
        RUN_LOG.error("Run {} failed: {}; previous reports left untouched", summary.runId(), reason);
        write(reportsDir.resolve(FAILED_RUN_FILE), RunSummaryJson.toJson(outcome));
        if (inboxFile != null) {
            write(failedInboxDir.resolve(inboxFile + ".reason"), (reason + "\n").getBytes(StandardCharsets.UTF_8));
            RUN_LOG.warn("Inbox file {} moved to {} with its reason", inboxFile, failedInboxDir);
        }
    }

    /**
     * A trigger that was coalesced into a run shares its outcome: when that run failed, the trigger
     * fails too, and an inbox file gets its own reason beside it.
     */
    public void joined(@Body RunOutcome outcome, @ExchangeProperty(Keys.INBOX_FILE) String inboxFile) {
        if (outcome.failure().isEmpty()) {
            return;
        }
        String reason = outcome.failure().get();
        if (inboxFile != null) {
            write(failedInboxDir.resolve(inboxFile + ".reason"), (reason + "\n").getBytes(StandardCharsets.UTF_8));
            RUN_LOG.warn("Inbox file {} joined run {}, which failed: moved to {} with its reason", inboxFile,
                    outcome.summary().runId(), failedInboxDir);
        }
        throw new RunFailedException(reason);
    }

    /** Another process holds the reports folder: one line naming it, and beside an inbox file, its reason. */
    public void refused(Exchange exchange, @ExchangeProperty(Keys.INBOX_FILE) String inboxFile) {
        String reason = FailureReasons.caught(exchange).getMessage();
        RUN_LOG.warn("Run not started ({}): {}", exchange.getProperty(Keys.TRIGGER, "?", String.class), reason);
        if (inboxFile != null) {
            write(failedInboxDir.resolve(inboxFile + ".reason"), (reason + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            AtomicFile.write(file, content);
        } catch (IOException | RuntimeException e) {
            RUN_LOG.warn("Could not write {}: {}", file, FailureReasons.describe(e));
        }
    }
}
