package ru.sp500rub.ops;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.history.HistoryEntry;
import ru.sp500rub.history.RunDiff;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.PublishedRun;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.StatusPage;
import ru.sp500rub.report.StatusView;

/**
 * What the service shows an operator, in memory: the last run, the last good run with its lists and
 * changes, and the recent runs. Loaded from the history at start-up (so a restarted service is ready at
 * once if its reports are still fresh), then moved on at every run's end. Readers (health checks, the
 * status page, /metrics) see one consistent snapshot; the one writer is the run's end (one run at a
 * time). Bean {@code opsBoard}: {@link #compare} before a run publishes, {@link #runEnded} where it ends.
 */
public final class OpsBoard implements ReadinessView {

    /** Runs drawn in the status page's history charts by default: two days of hourly runs. */
    public static final int DEFAULT_RUNS_SHOWN = 48;
    private static final Logger LOG = LoggerFactory.getLogger(OpsBoard.class);

    private final Clock clock;
    private final Supplier<Optional<UsdRubRate>> currentRate;
    private final int runsShown;
    private volatile Snapshot snapshot;

    private record Snapshot(Optional<RunRecord> lastRun, Optional<PublishedRun> lastGood,
                            Optional<RunChanges> changes, List<RunRecord> recent) {
        static final Snapshot EMPTY = new Snapshot(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public OpsBoard(Clock clock, Supplier<Optional<UsdRubRate>> currentRate, int runsShown) {
        this.clock = clock;
        this.currentRate = currentRate;
        this.runsShown = runsShown;
        this.snapshot = Snapshot.EMPTY;
    }

    /** A board showing what the history holds; an unreadable history leaves it empty, with one warning. */
    public static OpsBoard load(RunHistory history, Clock clock, Supplier<Optional<UsdRubRate>> currentRate, int runsShown) {
        OpsBoard board = new OpsBoard(clock, currentRate, runsShown);
        try {
            List<HistoryEntry> newestFirst = history.latest(runsShown);
            List<RunRecord> recent = new ArrayList<>(newestFirst.stream().map(HistoryEntry::run).toList());
            java.util.Collections.reverse(recent);
            Optional<RunHistory.GoodRun> good = history.lastGood();
            board.snapshot = new Snapshot(newestFirst.stream().findFirst().map(HistoryEntry::run),
                    good.map(RunHistory.GoodRun::published), good.flatMap(RunHistory.GoodRun::changes), List.copyOf(recent));
        } catch (IOException | RuntimeException e) {
            LOG.warn("History in {} could not be read ({}); the status page starts empty", history.dir(), e.toString());
        }
        return board;
    }

    /**
     * The step between a run's finish and its publication (bean {@code opsBoard}): a good run's outcome
     * with what it changed against the last good run, so that run-summary.json, report.html, the history
     * and the metrics all say the same; unchanged when there is no good run to compare with.
     */
    public RunOutcome compare(RunOutcome outcome) {
        if (!outcome.status().good()) {
            return outcome;
        }
        return snapshot.lastGood()
                .map(previous -> outcome.withChanges(RunDiff.between(previous, PublishedRun.of(outcome))))
                .orElse(outcome);
    }

    /** The run-end step: the run is now the last one (and, if good, the last good one). */
    public void runEnded(RunOutcome outcome) {
        snapshot = with(snapshot, outcome);
    }

    /** The page as it is now. */
    public StatusView view(StatusView.Mode mode) {
        return view(snapshot, mode);
    }

    /**
     * report.html, rendered with the run's other files before its end is recorded: the page as it will be
     * once the run has ended, with the links of a file opened from disk.
     */
    public byte[] reportFile(RunOutcome outcome) {
        return StatusPage.render(view(with(snapshot, outcome), StatusView.Mode.FILE));
    }

    /** The status page served at "/". */
    public byte[] page() {
        return StatusPage.render(view(StatusView.Mode.SERVED));
    }

    /** The last run, good or failed. */
    public Optional<RunRecord> lastRun() {
        return snapshot.lastRun();
    }

    /** What the last good run changed against the good run before it. */
    public Optional<RunChanges> lastChanges() {
        return snapshot.changes();
    }

    @Override
    public Optional<Instant> lastGoodRunEnd() {
        return snapshot.lastGood().map(good -> good.run().end());
    }

    @Override
    public Optional<UsdRubRate> currentRate() {
        return currentRate.get();
    }

    private Snapshot with(Snapshot before, RunOutcome outcome) {
        RunRecord run = RunRecord.of(outcome);
        List<RunRecord> recent = new ArrayList<>(before.recent());
        recent.add(run);
        List<RunRecord> kept = List.copyOf(recent.subList(Math.max(0, recent.size() - runsShown), recent.size()));
        return run.status().good()
                ? new Snapshot(Optional.of(run), Optional.of(new PublishedRun(run, outcome.reports())), outcome.changes(), kept)
                : new Snapshot(Optional.of(run), before.lastGood(), before.changes(), kept);
    }

    private StatusView view(Snapshot shown, StatusView.Mode mode) {
        return new StatusView(mode, clock.instant(), shown.lastRun(), shown.lastGood(), shown.changes(), shown.recent());
    }
}
