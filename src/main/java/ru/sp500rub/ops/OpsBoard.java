package ru.sp500rub.ops;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.history.HistoryEntry;
import ru.sp500rub.history.RunDiff;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.PublishedRun;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.StatusPage;
import ru.sp500rub.report.StatusView;

/**
 * What the service shows an operator, in memory: the last run, the last good run with its lists and
 * changes, and the recent runs. Loaded from the history at start-up (so a restarted service is ready at
 * once if its reports are still fresh), then moved on at every run's end. Readers (health checks, the
 * status page) see one consistent snapshot; the one writer is the run's end (one run at a time).
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

    /** What a run changed against the last good one; empty for a failed run or when there is none to compare. */
    public Optional<RunChanges> changesFor(RunRecord run, Map<Report, List<ReportRow>> lists) {
        if (!run.status().good()) {
            return Optional.empty();
        }
        return snapshot.lastGood().map(previous -> RunDiff.between(previous, new PublishedRun(run, lists)));
    }

    /** A run ended; {@code lists} are its four lists (ignored for a failed run). */
    public void runEnded(RunRecord run, Map<Report, List<ReportRow>> lists, Optional<RunChanges> changes) {
        snapshot = with(snapshot, run, lists, changes);
    }

    /** The page as it is now (the ops server's "/"). */
    public StatusView view(StatusView.Mode mode) {
        return view(snapshot, mode);
    }

    /**
     * The page as it will be once {@code run} has ended: report.html, published with the run's reports
     * before the run's end is recorded.
     */
    public StatusView viewWith(RunRecord run, Map<Report, List<ReportRow>> lists, Optional<RunChanges> changes,
                               StatusView.Mode mode) {
        return view(with(snapshot, run, lists, changes), mode);
    }

    /**
     * report.html as it must be published with {@code run}'s reports (before its end is recorded): the
     * page as it will be once the run has ended, with the links of a file opened from disk.
     */
    public byte[] reportFile(RunRecord run, Map<Report, List<ReportRow>> lists, Optional<RunChanges> changes) {
        return StatusPage.render(viewWith(run, lists, changes, StatusView.Mode.FILE));
    }

    /** The status page served at "/". */
    public byte[] page() {
        return StatusPage.render(view(StatusView.Mode.SERVED));
    }

    @Override
    public Optional<Instant> lastGoodRunEnd() {
        return snapshot.lastGood().map(good -> good.run().end());
    }

    @Override
    public Optional<UsdRubRate> currentRate() {
        return currentRate.get();
    }

    private Snapshot with(Snapshot before, RunRecord run, Map<Report, List<ReportRow>> lists, Optional<RunChanges> changes) {
        List<RunRecord> recent = new ArrayList<>(before.recent());
        recent.add(run);
        List<RunRecord> kept = List.copyOf(recent.subList(Math.max(0, recent.size() - runsShown), recent.size()));
        return run.status().good()
                ? new Snapshot(Optional.of(run), Optional.of(new PublishedRun(run, lists)), changes, kept)
                : new Snapshot(Optional.of(run), before.lastGood(), before.changes(), kept);
    }

    private StatusView view(Snapshot shown, StatusView.Mode mode) {
        return new StatusView(mode, clock.instant(), shown.lastRun(), shown.lastGood(), shown.changes(), shown.recent());
    }
}
