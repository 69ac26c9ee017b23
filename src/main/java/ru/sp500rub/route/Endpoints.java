package ru.sp500rub.route;

/** The service's internal endpoints, one name each, so that a route and its callers cannot drift apart. */
public final class Endpoints {
    /** A trigger asks for a run: one at a time, a trigger during a run is coalesced into it. */
    public static final String SCRAPE = "direct:scrape";
    /** One run, from its first index page to its published reports. */
    static final String SCRAPE_RUN = "direct:scrape-run";
    /** Every index page read, every company fetched. */
    static final String INDEX = "direct:index";
    /** Index pages 2..N, each with its companies. */
    static final String OTHER_INDEX_PAGES = "direct:index-other-pages";
    /** One index page: fetched and parsed. */
    static final String INDEX_PAGE = "direct:index-page";
    /** An index page's companies new to the run, fanned out. */
    static final String COMPANIES_OF_PAGE = "direct:companies-of-page";
    /** One company: a task in, a result out (a quote or why not). */
    static final String COMPANY = "direct:company";
    /** Where each company's result goes: it joins its run. */
    static final String COMPANY_RESULT = "direct:company-result";
    /** scrape.mode=distributed: a company task goes out on the broker, to whichever instance takes it first. */
    static final String COMPANY_DISPATCH = "direct:company-dispatch";
    /** A result of a task that came over the broker goes back to the instance that sent the task. */
    static final String RESULT_REPLY = "direct:company-result-reply";
    /** scrape.mode=distributed: a run that ended is announced to every instance (no more requests for it). */
    static final String RUN_OVER = "direct:run-over";
    /** The one HTTP GET every page and the CBR go through. */
    static final String HTTP_GET = "direct:http-get";
    /** The reports and the run summary, published as one set. */
    static final String PUBLISH = "direct:publish-reports";
    /** A run that failed: recorded, abandoned, and its failure passed back to the trigger. */
    static final String RUN_FAILED = "direct:run-failed";
    /** A trigger that found the reports folder held by another process: refused with who holds it. */
    static final String RUN_REFUSED = "direct:run-refused";
    /** Where every run ends, published or failed. */
    static final String RUN_ENDED = "direct:run-ended";
    /** A fresh USD/RUB rate from the CBR. */
    static final String CBR_REFRESH = "direct:cbr-refresh";

    /**
     * A one-way, persistent send to a broker queue. One way always: a JMS producer on an exchange that
     * expects a reply (an enrich's copy) would otherwise wait for one on a temporary queue.
     */
    static String toBrokerQueue(String queue) {
        return "jms:queue:" + queue + "?disableReplyTo=true&deliveryPersistent=true&explicitQosEnabled=true";
    }

    private Endpoints() {
    }
}
