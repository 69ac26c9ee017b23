package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * The index: page 1 first (its pager says how many pages there are), the run's rate pinned, then in
 * parallel the other pages, each fanning out its companies as soon as it is read, and page 1's
 * companies.
 */
public final class IndexRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.INDEX).routeId("index")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .to(Endpoints.INDEX_PAGE).id("index-page-1")
                .bean(Beans.RUNS, "expectIndexPages").id("index-page-count")
                .bean(Beans.RUNS, "pinRate").id("rate-pin")
                .multicast().parallelProcessing().executorService(Keys.SCRAPE_POOL).stopOnException()
                    .to(Endpoints.OTHER_INDEX_PAGES, Endpoints.COMPANIES_OF_PAGE)
                .end();

        from(Endpoints.OTHER_INDEX_PAGES).routeId("index-other-pages")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .split(method(Beans.RUNS, "otherIndexPageUrls")).parallelProcessing().executorService(Keys.SCRAPE_POOL)
                        .stopOnException()
                    .setProperty(Keys.PAGE_URL, body())
                    .to(Endpoints.INDEX_PAGE).id("index-page-n")
                    .to(Endpoints.COMPANIES_OF_PAGE).id("index-page-n-companies")
                .end();

        from(Endpoints.INDEX_PAGE).routeId("index-page")
                .routeConfigurationId(ErrorHandling.INDEX_PAGE)
                .to(Endpoints.HTTP_GET).id("index-fetch")
                .bean(Beans.INDEX_PAGES, "read").id("index-parse");
    }
}
