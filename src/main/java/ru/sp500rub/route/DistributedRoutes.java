package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import ru.sp500rub.cluster.ClusterNames;
import ru.sp500rub.config.ScrapeSettings;

/**
 * scrape.mode=distributed: company work shared over the broker. The instance that runs a run sends each
 * company as a task on {@value ClusterNames#TASKS}; every distributed instance, that one included, takes
 * tasks with its own concurrency and hands each to the same stateless company route as a local run,
 * whose result goes back to the results queue of the instance that sent the task, where it joins its run
 * like a local result ({@code direct:company-result}). A run that ends is announced on
 * {@value ClusterNames#RUNS_OVER}, so that no instance asks the site anything more for it.
 *
 * <p>At least once: a task is taken in a local JMS transaction, committed once its result is sent; a
 * worker that dies on a task leaves it to the others, and a run counts the first answer for each company
 * only. What becomes of a task that fails, or of a message that is not one, is in {@link ErrorHandling}.
 */
public final class DistributedRoutes extends RouteBuilder {

    private static final String CONSUMING = "transacted=true&disableReplyTo=true";

    private final ScrapeSettings scrape;
    private final String instanceId;
    private final String resultsQueue;

    /** @param instanceId this instance's id (cluster.instance-id), which names its own results queue */
    public DistributedRoutes(ScrapeSettings scrape, String instanceId) {
        this.scrape = scrape;
        this.instanceId = instanceId;
        this.resultsQueue = ClusterNames.resultsQueue(instanceId);
    }

    @Override
    public void configure() {
        long ttl = scrape.runTimeout().toMillis(); // nothing of a run is worth anything past its deadline

        RouteDefinition dispatch = from(Endpoints.COMPANY_DISPATCH).routeId("company-dispatch")
                .routeConfigurationId(ErrorHandling.TASK_DISPATCH);
        if (scrape.maxRequestsPerSecond() > 0) {
            // every company request of the cluster starts from a task: released at the politeness limit
            dispatch.throttle(scrape.maxRequestsPerSecond()).totalRequestsMode().timePeriodMillis(1000).id("cluster-politeness");
        }
        dispatch.bean(Beans.BROKER, "taskOut").id("task-to-wire")
                .to(Endpoints.toBrokerQueue(ClusterNames.TASKS) + "&timeToLive=" + ttl).id("task-send");

        int consumers = consumers(scrape.concurrency());
        from("jms:queue:" + ClusterNames.TASKS + "?" + CONSUMING + "&concurrentConsumers=" + consumers
                + "&maxConcurrentConsumers=" + consumers).routeId("company-task")
                .routeConfigurationId(ErrorHandling.COMPANY_TASK)
                .bean(Beans.BROKER, "taskIn").id("task-from-wire")
                // the company route works on a copy of the exchange: its own policy turns a page that fails
                // into a failure result, and anything beyond that becomes this route's, for the broker's
                // delivery policy; the result comes back as the copy's body
                .enrich(Endpoints.COMPANY, DistributedRoutes::resultOfTheCopy, true).id("task-work")
                // sent from here, not from the company route: a result that cannot be sent (the broker is
                // away) is a failure of the delivery, redelivered, never a failure of the company
                .to(Endpoints.RESULT_REPLY).id("task-answer");

        from(Endpoints.RESULT_REPLY).routeId("company-result-reply")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .bean(Beans.BROKER, "resultOut").id("result-to-wire")
                // the queue is the one the header set by resultOut names
                .to(Endpoints.toBrokerQueue(ClusterNames.RESULTS_PREFIX + "unnamed") + "&timeToLive=" + ttl).id("result-send");

        from("jms:queue:" + resultsQueue + "?" + CONSUMING + "&concurrentConsumers=2&maxConcurrentConsumers=2")
                .routeId("company-results")
                .routeConfigurationId(ErrorHandling.BROKER_MESSAGE)
                .bean(Beans.BROKER, "resultIn").id("result-from-wire")
                .to(Endpoints.COMPANY_RESULT).id("result-collect");

        // the broker moved these itself (every worker died on them): their runs are told, they are kept with that reason
        from("jms:queue:" + ClusterNames.DEAD_TASKS + "?" + CONSUMING + "&selector=RAW(" + ClusterNames.FAILURE_REASON
                + " IS NULL)").routeId("dead-task-report")
                .routeConfigurationId(ErrorHandling.BROKER_MESSAGE)
                .bean(Beans.BROKER, "unreportedDeadTask").id("dead-task-read")
                .to(Endpoints.toBrokerQueue(ClusterNames.DEAD_TASKS)).id("dead-task-keep")
                .setBody(exchangeProperty(Keys.DEAD_TASK_RESULT))
                .to(Endpoints.RESULT_REPLY).id("dead-task-result");

        from(Endpoints.RUN_OVER).routeId("run-over-announce")
                .routeConfigurationId(ErrorHandling.ANNOUNCEMENT)
                .removeHeaders("*")
                .setBody(exchangeProperty(Keys.RUN_ID))
                .setHeader(ClusterNames.ANNOUNCED_BY, constant(instanceId))
                .to("jms:topic:" + ClusterNames.RUNS_OVER + "?disableReplyTo=true&deliveryPersistent=false&explicitQosEnabled=true"
                        + "&timeToLive=60000")
                .id("run-over-send");

        // what this instance announced, it knows already
        from("jms:topic:" + ClusterNames.RUNS_OVER + "?selector=RAW(" + ClusterNames.ANNOUNCED_BY + " <> '" + instanceId + "')")
                .routeId("run-over-heard")
                .routeConfigurationId(ErrorHandling.ANNOUNCEMENT)
                .bean(Beans.RUNS, "markOver").id("run-over-mark");
    }

    /**
     * Tasks an instance works on at once: half as many again as its HTTP connections
     * (scrape.concurrency), so that while some take their task, parse their page or send their result,
     * the others keep every connection busy. Requests in flight stay at scrape.concurrency: the
     * connection pool holds the extra ones back. With as many as connections, a run was 20 % slower
     * than the network bound at one instance (bench/instances).
     */
    public static int consumers(int concurrency) {
        return concurrency + (concurrency + 1) / 2;
    }

    /** The copy's result, or its failure, becomes the task's own. */
    private static Exchange resultOfTheCopy(Exchange task, Exchange work) {
        if (work.getException() != null) {
            task.setException(work.getException());
        } else {
            task.getMessage().setBody(work.getMessage().getBody());
        }
        return task;
    }
}
