package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import ru.sp500rub.parse.LayoutNotRecognisedException;

/**
 * Every failure policy of the service, in one place. Where each failure goes:
 *
 * <ul>
 *   <li>{@code direct:run-failed} (the route below, reached from the run route's catch): any failure of
 *       the run - an index page that failed for good, no usable rate, too many failed companies, the
 *       fetch layer stopping the run (its breaker: the site keeps failing; a Retry-After longer than the
 *       run may last), a report that cannot be written - marks the run abandoned (nothing more is asked
 *       for it), discards its staged files, and sends its failed outcome to {@code direct:run-ended}
 *       (last-failed-run.json, the inbox file's reason, one log line); then the failure goes back to the
 *       trigger ({@code --once} exits 1, an inbox file moves to .failed). A catch, not an onException:
 *       the page routes below the run have handled their own failures, and Camel does not hand a
 *       handled failure to a second error handler.</li>
 *   <li>{@code direct:run-refused} (reached from the gate's catch): another process holds the reports
 *       folder's lock; nothing was asked of the site. One warning naming the holder, the inbox file's
 *       reason, and the refusal goes back to the trigger ({@code --once} exits 1, an inbox file moves to
 *       .failed).</li>
 *   <li>Retries are not here: the fetch layer (package {@code fetch}, bean {@code siteFetch}) retries
 *       faults (5xx, resets, timeouts, empty answers) within the page's retries and the run's retry
 *       budget, waits as long as a 429's Retry-After says without counting it as a retry, hedges slow
 *       first attempts, and never retries a deterministic failure (404 and other 4xx, a redirect loop,
 *       a bad gzip body, a page larger than http.max-page-size). What reaches the policies below is a
 *       page that is lost for good.</li>
 *   <li>{@code index-page}: a page that is lost, or in an unknown layout (saved under rejects/), fails
 *       the run, with a reason that names the page ({@link IndexPageFailedException}).</li>
 *   <li>{@code company-page}: a page that is lost, or in an unknown layout (saved under rejects/), or
 *       implausible, or on another site, becomes a failure result, sent on to
 *       {@code direct:company-result} like any result and named by URL in the run summary: never an
 *       exception, so one bad page cannot stop the others. A request for a run that is over is not sent
 *       and counts for nothing.</li>
 *   <li>{@code rate-fetch}: the CBR; a failure goes to the rate keeper, which falls back to the stored
 *       rate.</li>
 *   <li>{@code passed-on}: the gate and the steps between the run and its pages have no handler of
 *       their own: a failure goes up to the policy above them.</li>
 *   <li>{@code trigger}: the timer and inbox routes let a failed run fail quietly (it has been logged
 *       and recorded); the file consumer then moves its inbox file to .failed.</li>
 * </ul>
 * The HTTP route itself has no handler: every request fails into the policy of the route that asked.
 */
public final class ErrorHandling extends RouteConfigurationBuilder {

    static final String INDEX_PAGE = "index-page";
    static final String COMPANY_PAGE = "company-page";
    static final String RATE_FETCH = "rate-fetch";
    static final String PASSED_ON = "passed-on";
    static final String TRIGGER = "trigger";

    @Override
    public void configuration() {
        RouteConfigurationDefinition indexPage = routeConfiguration(INDEX_PAGE);
        indexPage.errorHandler(quietDefaultErrorHandler());
        indexPage.onException(LayoutNotRecognisedException.class).handled(true).logExhausted(false)
                .bean(Beans.REJECTED_PAGES, "save").id("index-page-rejected")
                .bean(Beans.INDEX_PAGES, "failed");
        indexPage.onException(Exception.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.INDEX_PAGES, "failed").id("index-page-failed");

        RouteConfigurationDefinition companyPage = routeConfiguration(COMPANY_PAGE);
        companyPage.errorHandler(quietDefaultErrorHandler());
        companyPage.onException(LayoutNotRecognisedException.class).handled(true).logExhausted(false)
                .bean(Beans.REJECTED_PAGES, "save").id("company-page-rejected")
                .bean(Beans.COMPANY_PAGES, "failed")
                .to(Endpoints.COMPANY_RESULT);
        companyPage.onException(Exception.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.COMPANY_PAGES, "failed").id("company-page-failed")
                .to(Endpoints.COMPANY_RESULT);

        RouteConfigurationDefinition rate = routeConfiguration(RATE_FETCH);
        rate.errorHandler(quietDefaultErrorHandler());
        rate.onException(Exception.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.CBR, "failed").id("cbr-failed");

        routeConfiguration(PASSED_ON).errorHandler(noErrorHandler());

        routeConfiguration(TRIGGER).errorHandler(quietDefaultErrorHandler());
    }

    /** The run failure policy, as a route: the run route's catch sends every failure of a run here. */
    @Override
    public void configure() {
        from(Endpoints.RUN_FAILED).routeId("run-failed")
                .errorHandler(noErrorHandler())
                .bean(Beans.RUNS, "failed").id("run-abandon")
                .bean(Beans.REPORT_SET, "discard").id("run-discard-staged")
                .to(Endpoints.RUN_ENDED).id("run-failed-ended")
                .process(ErrorHandling::rethrowCaught).id("run-failure-to-trigger");

        from(Endpoints.RUN_REFUSED).routeId("run-refused")
                .errorHandler(noErrorHandler())
                .bean(Beans.RUN_RECORDS, "refused").id("run-refused-record")
                .process(ErrorHandling::rethrowCaught).id("run-refusal-to-trigger");
    }

    private static void rethrowCaught(Exchange exchange) throws Exception {
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /** The policies above say what is logged; Camel's own exhausted-delivery dumps are not. */
    private DefaultErrorHandlerDefinition quietDefaultErrorHandler() {
        // the level too: while the service stops, Camel logs a failed exchange at this level whatever logExhausted says
        return defaultErrorHandler().logExhausted(false).logStackTrace(false).logRetryAttempted(false)
                .retriesExhaustedLogLevel(LoggingLevel.DEBUG);
    }

}
