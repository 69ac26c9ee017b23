package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * The companies: each index page's new companies are split into one task each, fanned out in parallel
 * (the "scrape" pool) to the company route, whose result - a quote, or why not (see ErrorHandling) -
 * goes to {@code direct:company-result} and joins its run there. The company route itself keeps no
 * state: a task in, a result out. Its page is parsed on the "parse" pool, so the fetching thread goes
 * back for the next company at once and 32 fetchers never queue for 2 cores.
 *
 * <p>With {@code scrape.mode=distributed} the tasks go out on the broker instead ({@code
 * direct:company-dispatch}), and the company route is fed by the broker's worker route on every instance
 * (see DistributedRoutes), which says where the result goes ({@link Keys#RESULT_TO}): back over the broker
 * to the instance that sent the task, rather than into a run here. The company route delivers its result
 * to {@code direct:company-result} either way; there it joins its run, or stays the body of the exchange
 * for the worker route to send back.
 */
public final class CompanyRoutes extends RouteBuilder {

    private final boolean distributed;

    /** @param distributed scrape.mode=distributed: a run's tasks go out on the broker */
    public CompanyRoutes(boolean distributed) {
        this.distributed = distributed;
    }

    public CompanyRoutes() {
        this(false);
    }

    @Override
    public void configure() {
        from(Endpoints.COMPANIES_OF_PAGE).routeId("companies-of-page")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .bean(Beans.RUNS, "newCompanies").id("index-list")
                .split(body()).parallelProcessing().executorService(Keys.SCRAPE_POOL)
                    .to(distributed ? Endpoints.COMPANY_DISPATCH : Endpoints.COMPANY).id("company-fan-out")
                .end();

        from(Endpoints.COMPANY).routeId("company")
                .routeConfigurationId(ErrorHandling.COMPANY_PAGE)
                .setProperty(Keys.TASK, body())
                .setProperty(Keys.PAGE_URL, method(Beans.COMPANY_PAGES, "pageUrl"))
                .bean(Beans.SITE_FETCH, "enterCompanyPage").id("company-admitted") // the breaker's canaries first
                .to(Endpoints.HTTP_GET).id("company-fetch")
                .threads().executorService(Keys.PARSE_POOL).id("company-to-parse-pool")
                .bean(Beans.COMPANY_PAGES, "read").id("company-parse")
                .to(Endpoints.COMPANY_RESULT).id("company-delivered");

        from(Endpoints.COMPANY_RESULT).routeId("company-result")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                // a task that came over the broker takes its result back with it (Keys.RESULT_TO)
                .filter(exchangeProperty(Keys.RESULT_TO).isNull())
                    .bean(Beans.RUNS, "accept").id("company-collect")
                .end();
    }
}
