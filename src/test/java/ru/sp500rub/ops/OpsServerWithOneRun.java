package ru.sp500rub.ops;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import ru.sp500rub.RunSamples;
import ru.sp500rub.history.HistorySettings;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportJson;
import ru.sp500rub.report.ReportRow;

/**
 * The ops server on a free port of 127.0.0.1 after three runs (good, failed, partial), the last one's
 * reports written into {@code reportsDir} as the service publishes them.
 */
final class OpsServerWithOneRun implements StatusPageSource {

    private final CamelContext context = new DefaultCamelContext();
    private final OpsMetrics metrics;
    private final OpsServer server;
    private final Path reportsDir;

    OpsServerWithOneRun(Path reportsDir) throws Exception {
        this.reportsDir = reportsDir;
        Clock clock = Clock.systemUTC();
        UsdRubRate rate = RunSamples.rate("78.5123", "2026-03-02");
        RunHistory history = new RunHistory(reportsDir.resolve("history"), new HistorySettings(168), clock);
        OpsBoard board = OpsBoard.load(history, clock, () -> Optional.of(rate), OpsBoard.DEFAULT_RUNS_SHOWN);
        metrics = new OpsMetrics(clock, () -> Optional.of(rate));
        RunEndRecorder recorder = new RunEndRecorder(history, board, metrics);

        recorder.runEnded(RunSamples.good("r1", RunSamples.T0, Duration.ofMillis(2300), RunSamples.rate("77.9000", "2026-03-01")),
                RunSamples.lists("A"));
        recorder.runEnded(RunSamples.failed("r2", RunSamples.T0.plusSeconds(3600), Duration.ofMillis(800),
                "HTTP 503 Service Unavailable from http://127.0.0.1/index/components/s&p_500"), Map.of());
        Map<Report, List<ReportRow>> lists = new EnumMap<>(RunSamples.lists("A"));
        lists = RunSamples.replacing(lists, Report.PRICE_RUB, 0, new ReportRow("NVR", "NVR Inc. & <Sons>", new BigDecimal("34437291.55")));
        lists = RunSamples.replacing(lists, Report.GROWTH, 9, new ReportRow("INTC", "Intel Corporation, a long name that will not fit", new BigDecimal("-61.237")));
        recorder.runEnded(RunSamples.partial("r3", RunSamples.T0.plusSeconds(7200), Duration.ofMillis(1900), rate,
                new PageFailure("http://127.0.0.1/stocks/brk.b-stock", "HTTP 500 Internal Server Error after 4 retries")), lists);
        for (Report report : Report.values()) {
            Files.write(reportsDir.resolve(report.fileName()), ReportJson.toJson(report, lists.get(report)));
        }

        context.getRegistry().bind(OpsRoutes.METRICS, metrics);
        context.getRegistry().bind(OpsRoutes.BOARD, board);
        server = OpsServer.install(context, OpsSettings.read(Map.of("ops.port", "0")::get, Duration.ofHours(1)));
        OpsHealth.install(context, board, Duration.ofHours(2), Duration.ofDays(7), clock);
        context.addRoutes(new OpsRoutes());
        context.start();
    }

    @Override
    public URI page() {
        return URI.create("http://127.0.0.1:" + server.getPort() + "/");
    }

    @Override
    public Path reportsDir() {
        return reportsDir;
    }

    @Override
    public void close() throws Exception {
        context.close();
        metrics.close();
    }
}
