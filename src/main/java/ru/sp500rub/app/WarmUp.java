package ru.sp500rub.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.parse.CompanyPageParser;
import ru.sp500rub.parse.IndexPageParser;
import ru.sp500rub.rate.CbrRateParser;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;
import ru.sp500rub.report.ReportJson;
import ru.sp500rub.report.TopTenReports;

/**
 * While Camel starts, runs the pure part of a run (parse the CBR answer, an index page and its
 * companies' pages, convert, rank, write the JSON) over one page of the demo snapshot, in memory, on a
 * background thread. On a cold JVM the first index page took 0.25 s to parse and the first CBR answer
 * 0.08 s, nearly all of it loading and initialising jsoup, the XML parser, Jackson and our classes. Done
 * here, beside Camel's mostly single-threaded start, it no longer holds up the first run while that
 * run's connections wait (bench/RESULTS.md: the run 0.12 s shorter, the process no longer). Off with
 * {@code startup.warm-up=false}.
 */
public final class WarmUp implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private final boolean enabled;

    WarmUp(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void configure(CamelContext context) {
        if (!enabled) {
            return;
        }
        ExecutorService thread = context.getExecutorServiceManager().newSingleThreadExecutor(this, "warm-up");
        thread.execute(WarmUp::dryRunOnDemoPage);
        thread.shutdown();
    }

    /**
     * Never fails the service: a warm-up that cannot run only leaves the first run slower.
     *
     * @return how many companies the dry run ranked
     */
    static int dryRunOnDemoPage() {
        long start = System.nanoTime();
        try {
            Map<String, Site.Response> site = DemoSite.render(DemoSite.facts().subList(0, DemoSite.ROWS_PER_PAGE));
            UsdRubRate rate = new CbrRateParser().parse(site.get(DemoSite.CBR_PATH).body(), "warm-up");
            String indexPage = new String(site.get(DemoSite.INDEX_PATH).body(), StandardCharsets.UTF_8);
            URI indexUrl = URI.create("http://warm-up" + DemoSite.INDEX_PATH);
            List<IndexEntry> listed = new IndexPageParser().parse(indexPage, indexUrl).entries();
            CompanyPageParser companyParser = new CompanyPageParser();
            List<Company> companies = listed.stream()
                    .map(entry -> Company.of(entry,
                            companyParser.parse(site.get(entry.pageUrl().getPath()).body(), StandardCharsets.UTF_8), rate))
                    .toList();
            TopTenReports.rank(companies).forEach(ReportJson::toJson);
            LOG.debug("Warm-up: {} demo companies parsed and ranked in {} ms",
                    companies.size(), (System.nanoTime() - start) / 1_000_000);
            return companies.size();
        } catch (RuntimeException e) {
            LOG.warn("Warm-up failed (the service is not affected; its first run may be slower): {}", e.toString());
            return 0;
        }
    }
}
