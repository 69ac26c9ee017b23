package ru.sp500rub.route;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.rate.CbrRateParser;
import ru.sp500rub.rate.RateStore;
import ru.sp500rub.rate.UsdRubRateKeeper;
import ru.sp500rub.run.RunGate;

/**
 * The service's beans and its thread-pool profile, built from the resolved configuration before any
 * route is configured.
 */
public final class ServiceBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        Path reportsDir = Path.of(context.resolvePropertyPlaceholders("{{reports.dir}}"));
        Duration maxAge = Duration.parse(context.resolvePropertyPlaceholders("{{cbr.max-age}}"));
        registry.bind("clock", clock);
        registry.bind("usdRubRateKeeper", new UsdRubRateKeeper(new RateStore(reportsDir.resolve("rate.json")), maxAge, clock));
        registry.bind("runGate", new RunGate());
        registry.bind("indexPageParser", new IndexPageParser());
        registry.bind("companyPageParser", new CompanyPageParser());
        registry.bind("cbrRateParser", new CbrRateParser());
        context.getExecutorServiceManager().registerThreadPoolProfile(scrapePool(context));
        context.getExecutorServiceManager().registerThreadPoolProfile(parsePool(context));
    }

    /**
     * Parsing is CPU work: more threads than cores would only make the fetchers wait for a core. The
     * queue holds at most one run's pages (about 85 MB if the network outran parsing entirely); were it
     * ever full, CallerRuns would parse on the fetcher.
     */
    private static ThreadPoolProfile parsePool(CamelContext context) {
        int threads = Integer.parseInt(context.resolvePropertyPlaceholders("{{scrape.parse-threads}}"));
        if (threads < 0) {
            throw new IllegalArgumentException("scrape.parse-threads must be >= 0 (0 = one per core), was " + threads);
        }
        return fixedSize(Keys.PARSE_POOL, threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, 100_000);
    }

    private static ThreadPoolProfile scrapePool(CamelContext context) {
        int concurrency = Integer.parseInt(context.resolvePropertyPlaceholders("{{scrape.concurrency}}"));
        if (concurrency < 1) {
            throw new IllegalArgumentException("scrape.concurrency must be >= 1, was " + concurrency);
        }
        return fixedSize(Keys.SCRAPE_POOL, concurrency, 10_000);
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
