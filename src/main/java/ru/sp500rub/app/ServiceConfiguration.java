package ru.sp500rub.app;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import ru.sp500rub.config.Settings;
import ru.sp500rub.history.RunHistory;
import ru.sp500rub.ops.OpsBoard;
import ru.sp500rub.ops.OpsHealth;
import ru.sp500rub.ops.OpsMetrics;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.rate.CbrRateParser;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.rate.RateStore;
import ru.sp500rub.rate.UsdRubRateKeeper;
import ru.sp500rub.replay.ResponseRecorder;
import ru.sp500rub.report.Publication;
import ru.sp500rub.report.StatusPage;
import ru.sp500rub.route.Beans;
import ru.sp500rub.route.CbrSteps;
import ru.sp500rub.route.CompanyPageReader;
import ru.sp500rub.route.InboxFiles;
import ru.sp500rub.route.InboxWatch;
import ru.sp500rub.route.IndexPageReader;
import ru.sp500rub.route.LearnedLimit;
import ru.sp500rub.route.Keys;
import ru.sp500rub.route.RejectedPages;
import ru.sp500rub.route.ReportsLockStep;
import ru.sp500rub.route.RunRecords;
import ru.sp500rub.route.RunSteps;
import ru.sp500rub.route.ScrapeRecording;
import ru.sp500rub.route.SiteFetchStep;
import ru.sp500rub.run.RunGate;
import ru.sp500rub.run.RunRegistry;
import ru.sp500rub.store.ReportSet;
import ru.sp500rub.store.ReportsLock;

/**
 * The service's beans, bound by the names the routes call them by, its thread-pool profiles and its
 * fetch layer, all built from the checked settings before any route is configured.
 */
public final class ServiceConfiguration implements CamelConfiguration {

    private final Settings settings;
    private final Optional<ResponseRecorder> recorder;
    private final Clock clock;

    public ServiceConfiguration(Settings settings, Optional<ResponseRecorder> recorder) {
        this(settings, recorder, Clock.systemUTC());
    }

    /** @param clock the service's time (tests move it by hand) */
    public ServiceConfiguration(Settings settings, Optional<ResponseRecorder> recorder, Clock clock) {
        this.settings = settings;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        var folders = settings.folders();
        UsdRubRateKeeper rateKeeper = new UsdRubRateKeeper(new RateStore(folders.reportsDir().resolve("rate.json")),
                settings.rate().maxAge(), clock);
        OpsBoard board = bindOps(context, rateKeeper);
        OpsMetrics metrics = registry.lookupByNameAndType(Beans.OPS_METRICS, OpsMetrics.class);
        FetchLayer fetchLayer = new FetchLayer(settings, metrics);
        metrics.concurrencyLimitFrom(fetchLayer::concurrencyLimit);
        closeOnStop(context, fetchLayer);
        Publication publication = Publication.standard().with(new Publication.Entry(StatusPage.FILE_NAME, board::reportFile));

        registry.bind(Beans.SETTINGS, settings);
        registry.bind(Beans.RUN_GATE, new RunGate(settings.scrape().runTimeout().plusMinutes(1)));
        registry.bind(Beans.REPORTS_LOCK, new ReportsLockStep(new ReportsLock(folders.reportsDir(), clock)));
        registry.bind(Beans.RATE_KEEPER, rateKeeper);
        RunRegistry runs = new RunRegistry(clock, settings.scrape().runTimeout(), fetchLayer);
        SiteFetchStep siteFetch = new SiteFetchStep(fetchLayer.site(), fetchLayer.cbr(), runs, fetchLayer,
                settings.scrape().runTimeout(), settings.rate().awaitTimeout());
        registry.bind(Beans.SITE_FETCH, siteFetch);
        registry.bind(Beans.LEARNED_LIMIT, new LearnedLimit(fetchLayer.limit(), fetchLayer.store()));
        context.getManagementStrategy().addEventNotifier(new StoppingAbandonsRuns(runs));
        registry.bind(Beans.RUNS, new RunSteps(runs, rateKeeper, settings.rate().awaitTimeout(), settings.scrape(),
                settings.site().indexUrl()));
        registry.bind(Beans.INDEX_PAGES, new IndexPageReader(new IndexPageParser()));
        registry.bind(Beans.COMPANY_PAGES, new CompanyPageReader(new CompanyPageParser(), settings.site().indexUrl(), siteFetch));
        registry.bind(Beans.CBR, new CbrSteps(new CbrRateParser(), rateKeeper));
        registry.bind(Beans.PUBLICATION, publication);
        registry.bind(Beans.REPORT_SET, new ReportSet(folders.reportsDir(), publication.fileNames()));
        registry.bind(Beans.RUN_RECORDS, new RunRecords(folders.reportsDir(), folders.inboxDir()));
        registry.bind(Beans.REJECTED_PAGES, new RejectedPages(folders.reportsDir()));
        registry.bind(Beans.INBOX_FILES, new InboxFiles(clock));
        registry.bind(Beans.INBOX_WATCH, new InboxWatch());
        registry.bind(Beans.RECORDING, new ScrapeRecording(recorder));

        // Twice the concurrency: a page waiting out a back-off or a site's Retry-After holds a thread but
        // no permit, and the limit's permits must still find threads to use them (bench/FETCH-RESULTS.md:
        // with 20 % of pages failing once, 3.3 s with 64 threads against 5.1 s with 32).
        context.getExecutorServiceManager().registerThreadPoolProfile(
                fixedSize(Keys.SCRAPE_POOL, settings.scrape().concurrency() * 2, 10_000));
        // Parsing is CPU work: more threads than cores would only make the fetchers wait for a core. The
        // queue holds as many fetched pages as there are fetchers: when the network outruns parsing, a
        // fetcher parses its own page (CallerRuns), so pages waiting in memory stay bounded whatever
        // their size.
        context.getExecutorServiceManager().registerThreadPoolProfile(
                fixedSize(Keys.PARSE_POOL, settings.scrape().parseThreadsOrCores(), settings.scrape().concurrency()));
    }

    /**
     * What an operator sees, kept over runs: the history, the board (last run, last good run: readiness
     * and the status page; loaded from the history, so a restarted service knows its last runs), the
     * metrics (also the fetch listener, fed from camel-http's events until the fetch layer feeds it), and
     * the health checks on camel-health beside Camel's own.
     */
    private OpsBoard bindOps(CamelContext context, UsdRubRateKeeper rateKeeper) {
        RunHistory history = new RunHistory(settings.folders().reportsDir().resolve(RunHistory.FOLDER),
                settings.history().keep(), clock);
        OpsBoard board = OpsBoard.load(history, clock, () -> rateKeeper.current().map(RateSnapshot::rate),
                OpsBoard.DEFAULT_RUNS_SHOWN);
        OpsMetrics metrics = new OpsMetrics(clock, board, settings.scrape()::concurrency);
        context.getRegistry().bind(Beans.RUN_HISTORY, history);
        context.getRegistry().bind(Beans.OPS_BOARD, board);
        context.getRegistry().bind(Beans.OPS_METRICS, metrics);
        context.getRegistry().bind(Beans.FETCH_LISTENER, metrics);
        OpsHealth.install(context, board, settings.ops().readyMaxAge(), settings.rate().maxAge(), clock);
        closeOnStop(context, metrics);
        return board;
    }

    private static void closeOnStop(CamelContext context, AutoCloseable closeable) {
        try {
            context.addService(new ClosedOnStop(closeable), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add " + closeable.getClass().getSimpleName() + " to the context", e);
        }
    }

    /** The metrics let go of the JVM's GC notifications when the context stops. */
    private static final class ClosedOnStop extends ServiceSupport {
        private final AutoCloseable closeable;

        ClosedOnStop(AutoCloseable closeable) {
            this.closeable = closeable;
        }

        @Override
        protected void doStop() throws Exception {
            closeable.close();
        }
    }

    /**
     * Core = max = size: a JDK pool only grows past its core size when its queue is full, so anything
     * else would run fewer tasks at once than configured. CallerRuns keeps a full queue from hanging a
     * parallel split.
     */
    private static ThreadPoolProfile fixedSize(String id, int size, int maxQueueSize) {
        return new ThreadPoolProfileBuilder(id)
                .poolSize(size)
                .maxPoolSize(size)
                .maxQueueSize(maxQueueSize)
                .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
                .build();
    }
}
