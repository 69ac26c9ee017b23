package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * The companies: each index page's new companies are split into one task each, fanned out in parallel
 * (the "scrape" pool) to the company route, whose result - a quote, or why not (see ErrorHandling) -
 * goes to {@code direct:company-result} and joins its run there. The company route itself keeps no
 * state: a task in, a result out. Its page is parsed on the "parse" pool, so the fetching thread goes
 * back for the next company at once and 32 fetchers never queue for 2 cores.
 */
public final class CompanyRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.COMPANIES_OF_PAGE).routeId("companies-of-page")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .bean(Beans.RUNS, "newCompanies").id("index-list")
                .split(body()).parallelProcessing().executorService(Keys.SCRAPE_POOL)
                    .to(Endpoints.COMPANY).id("company-fan-out")
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
                .bean(Beans.RUNS, "accept").id("company-collect");
    }
}
