package ru.sp500rub.ops;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunRecord;

/**
 * The ops step at the point where every run ends: the run goes into the history, the board (health,
 * status page) and the metrics. A history that cannot be written (a full disk) costs its entry, with one
 * warning, never the board or the metrics, and never the run.
 */
public final class RunEndRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RunEndRecorder.class);

    private final RunHistory history;
    private final OpsBoard board;
    private final OpsMetrics metrics;

    public RunEndRecorder(RunHistory history, OpsBoard board, OpsMetrics metrics) {
        this.history = history;
        this.board = board;
        this.metrics = metrics;
    }

    /** @return what the run changed against the previous good run (empty for a failed or first run) */
    public Optional<RunChanges> runEnded(RunRecord run, Map<Report, List<ReportRow>> lists) {
        Optional<RunChanges> changes = board.changesFor(run, lists);
        try {
            history.add(run, lists, changes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("History: run {} not kept in {}: {}", run.runId(), history.dir(), e.toString());
        }
        board.runEnded(run, lists, changes);
        metrics.runEnded(run, changes);
        return changes;
    }
}
