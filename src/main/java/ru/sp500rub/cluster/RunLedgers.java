package ru.sp500rub.cluster;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this instance has sent out, by run id: where the results collector looks an answer's run up.
 * Stand-in for the lead's {@code RunRegistry}, whose {@code ScrapeRun} would hold the ledger.
 */
public final class RunLedgers {

    private static final Logger LOG = LoggerFactory.getLogger(RunLedgers.class);
    private final ConcurrentMap<String, RunLedger> runs = new ConcurrentHashMap<>();

    public RunLedger open(String runId) {
        RunLedger ledger = new RunLedger(runId);
        if (runs.putIfAbsent(runId, ledger) != null) {
            throw new IllegalStateException("run " + runId + " is already open");
        }
        return ledger;
    }

    public void close(String runId) {
        runs.remove(runId);
    }

    public Optional<RunLedger> get(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** The collector's step: count an answer once, in its own run; anything else is one log line. */
    public RunLedger.Verdict accept(ClusterResult result) {
        RunLedger ledger = runs.get(result.runId());
        if (ledger == null) {
            LOG.info("Result for {} of run {}, which this instance is not running (over, or another instance's): dropped",
                    LogText.of(result.pageUrl().toString(), 200), result.runId());
            return RunLedger.Verdict.OTHER_RUN;
        }
        RunLedger.Verdict verdict = ledger.accept(result).verdict();
        switch (verdict) {
            case DUPLICATE -> LOG.info("Second result for {} of run {}: the first counted", result.pageUrl(), result.runId());
            case NOT_SENT -> LOG.warn("Result for {}, which run {} never sent: refused", result.pageUrl(), result.runId());
            default -> { }
        }
        return verdict;
    }
}
