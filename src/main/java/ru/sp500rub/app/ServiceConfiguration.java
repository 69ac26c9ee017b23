package ru.sp500rub.app;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import ru.sp500rub.cluster.LocalAddress;
import ru.sp500rub.config.HttpSettings;
import ru.sp500rub.config.Settings;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.rate.CbrRateParser;
import ru.sp500rub.rate.RateStore;
import ru.sp500rub.rate.UsdRubRateKeeper;
import ru.sp500rub.replay.ResponseRecorder;
import ru.sp500rub.report.Publication;
import ru.sp500rub.route.Beans;
import ru.sp500rub.route.CbrSteps;
import ru.sp500rub.route.CompanyPageReader;
import ru.sp500rub.route.InboxFiles;
import ru.sp500rub.route.InboxWatch;
import ru.sp500rub.route.IndexPageReader;
import ru.sp500rub.route.Keys;
import ru.sp500rub.route.RejectedPages;
import ru.sp500rub.route.ReportsLockStep;
import ru.sp500rub.route.ResponseCheck;
import ru.sp500rub.route.RunRecords;
import ru.sp500rub.route.RunSteps;
import ru.sp500rub.route.ScrapeRecording;
import ru.sp500rub.run.RunGate;
import ru.sp500rub.run.RunRegistry;
import ru.sp500rub.store.ReportSet;
import ru.sp500rub.store.ReportsLock;

/**
 * The service's beans, bound by the names the routes call them by, its thread-pool profiles and its
 * HTTP client, all built from the checked settings before any route is configured.
 */
public final class ServiceConfiguration implements CamelConfiguration {

    private final Settings settings;
    private final Optional<ResponseRecorder> recorder;

    public ServiceConfiguration(Settings settings, Optional<ResponseRecorder> recorder) {
        this.settings = settings;
        this.recorder = recorder;
    }

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        var folders = settings.folders();
        UsdRubRateKeeper rateKeeper = new UsdRubRateKeeper(new RateStore(folders.reportsDir().resolve("rate.json")),
                settings.rate().maxAge(), clock);
        Publication publication = Publication.standard();

        registry.bind(Beans.SETTINGS, settings);
        registry.bind(Beans.RUN_GATE, new RunGate(settings.scrape().runTimeout().plusMinutes(1)));
        registry.bind(Beans.REPORTS_LOCK, new ReportsLockStep(new ReportsLock(folders.reportsDir(), clock)));
        registry.bind(Beans.RATE_KEEPER, rateKeeper);
        RunRegistry runs = new RunRegistry(clock, settings.scrape().runTimeout());
        context.getManagementStrategy().addEventNotifier(new StoppingAbandonsRuns(runs));
        registry.bind(Beans.RUNS, new RunSteps(runs, rateKeeper, settings.rate().awaitTimeout(), settings.scrape(),
                settings.site().indexUrl()));
        registry.bind(Beans.INDEX_PAGES, new IndexPageReader(new IndexPageParser()));
        registry.bind(Beans.COMPANY_PAGES, new CompanyPageReader(new CompanyPageParser(), settings.site().indexUrl()));
        registry.bind(Beans.CBR, new CbrSteps(new CbrRateParser(), rateKeeper));
        registry.bind(Beans.PUBLICATION, publication);
        registry.bind(Beans.REPORT_SET, new ReportSet(folders.reportsDir(), publication.fileNames()));
        registry.bind(Beans.RUN_RECORDS, new RunRecords(folders.reportsDir(), folders.inboxDir()));
        registry.bind(Beans.REJECTED_PAGES, new RejectedPages(folders.reportsDir()));
        registry.bind(Beans.RESPONSE_CHECK, new ResponseCheck());
        registry.bind(Beans.INBOX_FILES, new InboxFiles(clock));
        registry.bind(Beans.INBOX_WATCH, new InboxWatch());
        registry.bind(Beans.RECORDING, new ScrapeRecording(recorder));

        context.getExecutorServiceManager().registerThreadPoolProfile(
                fixedSize(Keys.SCRAPE_POOL, settings.scrape().concurrency(), 10_000));
        // Parsing is CPU work: more threads than cores would only make the fetchers wait for a core. The
        // queue holds as many fetched pages as there are fetchers: when the network outruns parsing, a
        // fetcher parses its own page (CallerRuns), so pages waiting in memory stay bounded whatever
        // their size.
        context.getExecutorServiceManager().registerThreadPoolProfile(
                fixedSize(Keys.PARSE_POOL, settings.scrape().parseThreadsOrCores(), settings.scrape().concurrency()));
        configureHttp(context.getComponent("http", HttpComponent.class), settings.http(), settings.scrape().concurrency());
    }

    /**
     * One connection per fetcher; Camel is the only retry layer (HttpClient's own retries would hide
     * faults from the policy); a response that states its length, up to 4 MB, is read straight into one
     * array of that size (the 8 KB default sent every 170 KB company page through the stream cache and
     * two more copies).
     */
    private static void configureHttp(HttpComponent http, HttpSettings settings, int concurrency) {
        http.setConnectionsPerRoute(concurrency);
        http.setMaxTotalConnections(Math.max(200, concurrency * 2));
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setConnectionRequestTimeout(settings.responseTimeout().toMillis());
        http.setResponseTimeout(settings.responseTimeout().toMillis());
        http.setSoTimeout(settings.responseTimeout().toMillis());
        http.setAutomaticRetriesDisabled(true);
        http.setResponsePayloadStreamingThreshold(4 * 1024 * 1024);
        http.setFollowRedirects(true);
        http.setCookieManagementDisabled(true);
        // http.local-address: several instances on one machine are several clients to the site
        settings.localAddress().ifPresent(address -> http.setHttpClientConfigurer(
                builder -> LocalAddress.applyTo(builder, Optional.of(address))));
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
