package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import ru.sp500rub.cluster.ClusterNames;
import ru.sp500rub.cluster.RejectedMessageException;
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
 * With {@code scrape.mode=distributed} (see DistributedRoutes), the broker's side:
 * <ul>
 *   <li>{@code task-dispatch}: a task that cannot be put on the broker is tried again for about 15 s
 *       (a broker restarting), one that cannot be written at all is not; then its company becomes a
 *       failure result of its run ("could not queue the task on the broker: ..."), named in the summary.</li>
 *   <li>{@code company-task} (the worker): a message that is not a task of this cluster (not the wire
 *       format, a page off the site, no results queue of the cluster to answer to) is kept on
 *       {@code sp500.rejected} with its reason and never retried. A task whose work fails beyond what the
 *       company route's own policy deals with (its result could not be sent) is rolled back: the broker
 *       delivers it again, {@code broker.redelivery-delay} later, doubling; on its last delivery
 *       ({@code broker.max-delivery-attempts}) it is kept on {@code sp500.company.dlq} with its reason, and
 *       its company becomes a failure result of its run, in the same transaction. A task on which every
 *       worker died is moved to the dead-letter queue by the broker itself: the {@code dead-task-report}
 *       route tells its run and keeps it with that reason.</li>
 *   <li>{@code broker-message} (results, dead tasks): a message that is not well-formed is kept on
 *       {@code sp500.rejected} with its reason; any other failure is rolled back and delivered again (a
 *       bounded number of times, then the broker keeps it on {@code sp500.rejected}). A result for a run
 *       that is over, a second result for a company, or one for a page its run never listed counts for
 *       nothing (the run's ledger).</li>
 *   <li>{@code announcement}: a run-over announcement that cannot be sent or read is one line; tasks of
 *       the run then expire on the broker at scrape.run-timeout.</li>
 * </ul>
 * The HTTP route itself has no handler: every request fails into the policy of the route that asked.
 */
public final class ErrorHandling extends RouteConfigurationBuilder {

    static final String INDEX_PAGE = "index-page";
    static final String COMPANY_PAGE = "company-page";
    static final String RATE_FETCH = "rate-fetch";
    static final String PASSED_ON = "passed-on";
    static final String TRIGGER = "trigger";
    static final String TASK_DISPATCH = "task-dispatch";
    static final String COMPANY_TASK = "company-task";
    static final String BROKER_MESSAGE = "broker-message";
    static final String ANNOUNCEMENT = "announcement";

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

        brokerPolicies();

        routeConfiguration(PASSED_ON).errorHandler(noErrorHandler());

        routeConfiguration(TRIGGER).errorHandler(quietDefaultErrorHandler());
    }

    /** scrape.mode=distributed: tasks to the broker, tasks from it, results and dead tasks, announcements. */
    private void brokerPolicies() {
        RouteConfigurationDefinition dispatch = routeConfiguration(TASK_DISPATCH);
        dispatch.errorHandler(quietDefaultErrorHandler());
        dispatch.onException(IllegalArgumentException.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "couldNotQueue").id("task-unwritable")
                .to(Endpoints.COMPANY_RESULT);
        dispatch.onException(Exception.class).handled(true)
                .maximumRedeliveries(5).redeliveryDelay(500).useExponentialBackOff().backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "couldNotQueue").id("task-not-queued")
                .to(Endpoints.COMPANY_RESULT);

        RouteConfigurationDefinition task = routeConfiguration(COMPANY_TASK);
        task.errorHandler(quietDefaultErrorHandler()); // no redelivery here: the broker redelivers
        task.onException(RejectedMessageException.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "refused").id("task-refused")
                .to(Endpoints.toBrokerQueue(ClusterNames.REJECTED)).id("task-refused-keep");
        task.onException(Exception.class).onWhen(method(Beans.BROKER, "isLastDelivery")).handled(true)
                .logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "deadLetter").id("task-dead")
                .to(Endpoints.toBrokerQueue(ClusterNames.DEAD_TASKS)).id("task-dead-keep")
                .filter(method(Beans.BROKER, "hasDeadTaskResult"))
                    .setBody(exchangeProperty(Keys.DEAD_TASK_RESULT))
                    .to(Endpoints.RESULT_REPLY).id("task-dead-result")
                .end();
        task.onException(Exception.class).handled(false).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "failedDelivery").id("task-given-back");

        RouteConfigurationDefinition message = routeConfiguration(BROKER_MESSAGE);
        message.errorHandler(quietDefaultErrorHandler());
        message.onException(RejectedMessageException.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "refused").id("message-refused")
                .to(Endpoints.toBrokerQueue(ClusterNames.REJECTED)).id("message-refused-keep");
        message.onException(Exception.class).handled(false).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "failedMessage").id("message-given-back");

        RouteConfigurationDefinition announcement = routeConfiguration(ANNOUNCEMENT);
        announcement.errorHandler(quietDefaultErrorHandler());
        announcement.onException(Exception.class).handled(true).logExhausted(false).logStackTrace(false)
                .bean(Beans.BROKER, "announcementFailed");
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
