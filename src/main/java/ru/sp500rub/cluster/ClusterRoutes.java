package ru.sp500rub.cluster;

import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Company work over the broker, as routes. The instance that runs a run (the leader) sends each company
 * as a task; every instance, that one included, works on tasks with its own concurrency through the same
 * stateless step as a local run ({@value #COMPANY}: a task in, a result out); each result goes back to the
 * queue of the instance that sent the task, which counts it once in the run's ledger.
 *
 * <ul>
 *   <li>At least once: a task is taken in a local JMS transaction and its result is sent in the same one,
 *       so a worker that dies on a task leaves it (and no result) to the others.</li>
 *   <li>Bounded: a task that keeps failing is tried {@code broker.max-delivery-attempts} times; the last
 *       attempt puts it on the dead-letter queue with its reason. A task whose workers died on every try
 *       is moved there by the broker itself, without a reason.</li>
 *   <li>Reported: the dead-letter route turns each dead task into a failure result for its run, so the
 *       run names it in its summary like any page that failed.</li>
 *   <li>A message that is not a task or result at all is refused with its reason onto
 *       {@value ClusterNames#REJECTED}, never retried.</li>
 * </ul>
 */
public final class ClusterRoutes extends RouteBuilder {

    public static final String DISPATCH = "direct:cluster-dispatch";
    public static final String COMPANY = "direct:company";

    static final String REPLY_TO = "Sp500ReplyTo";
    private static final String REPLY_QUEUE = "sp500.replyQueue";
    private static final String DELIVERY = "sp500.delivery";
    private static final Pattern RESULTS_QUEUE = Pattern.compile(Pattern.quote(ClusterNames.RESULTS_PREFIX) + "[A-Za-z0-9._-]{1,40}");
    private static final String CONSUMER = "?transacted=true&disableReplyTo=true";

    private final WireFormat wire;
    private final RunLedgers ledgers;
    private final String resultsQueue;
    private final int concurrency;
    private final int maxDeliveries;
    private final Duration taskTimeToLive;

    /**
     * @param concurrency    tasks this instance works on at once (its share of the cluster's concurrency)
     * @param maxDeliveries  {@code broker.max-delivery-attempts}, the same on every instance and the broker
     * @param taskTimeToLive how long a task waits on the broker before it expires: a run's deadline
     */
    public ClusterRoutes(WireFormat wire, RunLedgers ledgers, String instanceId, int concurrency, int maxDeliveries,
                         Duration taskTimeToLive) {
        this.wire = wire;
        this.ledgers = ledgers;
        this.resultsQueue = ClusterNames.resultsQueue(instanceId);
        this.concurrency = concurrency;
        this.maxDeliveries = maxDeliveries;
        this.taskTimeToLive = taskTimeToLive;
    }

    @Override
    public void configure() {
        dispatch();
        worker();
        deadLetters();
        results();
    }

    /** Body: a ClusterTask of a run opened in the ledgers. */
    private void dispatch() {
        from(DISPATCH).routeId("cluster-dispatch")
                .onException(Exception.class).handled(true)
                    .maximumRedeliveries(5).redeliveryDelay(500).backOffMultiplier(2).useExponentialBackOff()
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG).logExhausted(false)
                    .process(this::couldNotSend)
                .end()
                .process(exchange -> {
                    ClusterTask task = exchange.getIn().getBody(ClusterTask.class);
                    ledgers.get(task.runId()).orElseThrow(() -> new IllegalStateException("run " + task.runId()
                            + " is not open")).sending(task.listed());
                    exchange.setProperty("sp500.task", task);
                    exchange.getIn().removeHeaders("*"); // nothing of the run's exchange crosses the wire
                    exchange.getIn().setHeader(REPLY_TO, resultsQueue);
                    exchange.getIn().setBody(wire.writeTask(task));
                }).id("task-to-wire")
                .to("jms:queue:" + ClusterNames.TASKS + "?explicitQosEnabled=true&deliveryPersistent=true&timeToLive="
                        + taskTimeToLive.toMillis()).id("send-task");
    }

    private void couldNotSend(Exchange exchange) {
        ClusterTask task = exchange.getProperty("sp500.task", ClusterTask.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = "could not queue the task: " + LogText.of(String.valueOf(cause == null ? null : cause.getMessage()), 200);
        log.warn("{} of run {}: {}", task.listed().pageUrl(), task.runId(), reason);
        ledgers.get(task.runId()).ifPresent(ledger -> ledger.couldNotSend(task.listed(), reason));
    }

    private void worker() {
        from("jms:queue:" + ClusterNames.TASKS + CONSUMER + "&concurrentConsumers=" + concurrency
                + "&maxConcurrentConsumers=" + concurrency).routeId("cluster-worker")
                .onException(RejectedMessageException.class).handled(true).useOriginalMessage()
                    .process(exchange -> rejected(exchange, "task"))
                    .to("jms:queue:" + ClusterNames.REJECTED).id("reject-task")
                .end()
                .onException(Exception.class).onWhen(this::isLastDelivery).handled(true).useOriginalMessage().logExhausted(false)
                    .process(this::deadLetter)
                    .to("jms:queue:" + ClusterNames.DEAD_TASKS).id("dead-letter-task")
                .end()
                .onException(Exception.class).handled(false).logExhausted(false).logStackTrace(false)
                    .process(exchange -> log.warn("Task {} failed on delivery {} of {}: {}; back on the queue",
                            exchange.getProperty("sp500.url"), exchange.getProperty(DELIVERY), maxDeliveries, reason(exchange)))
                .end() // not handled: the listener container rolls the transaction back
                .process(exchange -> {
                    exchange.setProperty(DELIVERY, exchange.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class));
                    exchange.setProperty(REPLY_QUEUE, replyQueue(exchange));
                    ClusterTask task = wire.readTask(exchange.getIn().getBody(String.class));
                    exchange.setProperty("sp500.url", task.listed().pageUrl());
                    exchange.getIn().removeHeaders("*"); // a broker header must not travel into an HTTP request
                    exchange.getIn().setBody(task);
                }).id("task-from-wire")
                // enrich: the step works on its own copy of the exchange, and a failure there becomes this
                // route's failure even when the step's own error handler has already dealt with it
                .enrich(COMPANY, ClusterRoutes::stepOutcome, true).id("company-step")
                .process(exchange -> exchange.getIn().setBody(wire.writeResult(exchange.getIn().getBody(ClusterResult.class))))
                .id("result-to-wire")
                .toD("jms:queue:${exchangeProperty." + REPLY_QUEUE + "}").id("send-result");
    }

    private static Exchange stepOutcome(Exchange task, Exchange step) {
        Exception failure = step.getException();
        if (failure != null) {
            task.setException(failure);
        } else {
            task.getIn().setBody(step.getMessage().getBody());
        }
        return task;
    }

    private boolean isLastDelivery(Exchange exchange) {
        Integer delivery = exchange.getProperty(DELIVERY, Integer.class);
        return delivery != null && delivery >= maxDeliveries;
    }

    private void deadLetter(Exchange exchange) {
        String reason = reason(exchange);
        log.warn("Task {} failed on its last delivery ({} of {}): {}; to the dead-letter queue",
                exchange.getProperty("sp500.url"), exchange.getProperty(DELIVERY), maxDeliveries, reason);
        exchange.getIn().setHeader(ClusterNames.FAILURE_REASON, reason);
    }

    /** Any instance turns a dead task into a failure result for the run that sent it. */
    private void deadLetters() {
        from("jms:queue:" + ClusterNames.DEAD_TASKS + CONSUMER + "&concurrentConsumers=1").routeId("cluster-dead-letters")
                .onException(RejectedMessageException.class).handled(true).useOriginalMessage()
                    .process(exchange -> rejected(exchange, "dead task"))
                    .to("jms:queue:" + ClusterNames.REJECTED).id("reject-dead-task")
                .end()
                .process(exchange -> {
                    String replyQueue = replyQueue(exchange);
                    ClusterTask task = wire.readTask(exchange.getIn().getBody(String.class));
                    String why = exchange.getIn().getHeader(ClusterNames.FAILURE_REASON, String.class);
                    String reason = "given up after " + maxDeliveries + " deliveries: "
                            + (why == null ? "every worker that took it stopped before answering" : LogText.of(why, 300));
                    log.warn("Dead task {} of run {}: {}", task.listed().pageUrl(), task.runId(), reason);
                    exchange.getIn().removeHeaders("*");
                    exchange.setProperty(REPLY_QUEUE, replyQueue);
                    exchange.getIn().setBody(wire.writeResult(ClusterResult.failed(task.runId(), task.listed().pageUrl(),
                            reason, new ResultFigures(maxDeliveries, Duration.ZERO))));
                }).id("dead-task-to-failure")
                .toD("jms:queue:${exchangeProperty." + REPLY_QUEUE + "}").id("send-dead-task-failure");
    }

    /** This instance's own results: each counted once in its run. */
    private void results() {
        from("jms:queue:" + resultsQueue + CONSUMER + "&concurrentConsumers=2&maxConcurrentConsumers=2")
                .routeId("cluster-results")
                .onException(RejectedMessageException.class).handled(true).useOriginalMessage()
                    .process(exchange -> rejected(exchange, "result"))
                    .to("jms:queue:" + ClusterNames.REJECTED).id("reject-result")
                .end()
                .process(exchange -> exchange.getIn().setBody(wire.readResult(exchange.getIn().getBody(String.class))))
                .id("result-from-wire")
                .bean(ledgers, "accept").id("accept-result");
    }

    private String replyQueue(Exchange exchange) throws RejectedMessageException {
        String queue = exchange.getIn().getHeader(REPLY_TO, String.class);
        if (queue == null || !RESULTS_QUEUE.matcher(queue).matches()) {
            throw new RejectedMessageException("no results queue of this cluster in " + REPLY_TO + " (\""
                    + LogText.of(queue, 60) + "\")");
        }
        return queue;
    }

    private void rejected(Exchange exchange, String what) {
        String reason = reason(exchange);
        log.warn("Refused a {} from the broker: {}; kept on {}", what, reason, ClusterNames.REJECTED);
        exchange.getIn().setHeader(ClusterNames.FAILURE_REASON, reason);
    }

    private static String reason(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage();
        return LogText.of(cause instanceof RejectedMessageException || message == null
                ? (message == null ? cause.getClass().getSimpleName() : message)
                : cause.getClass().getSimpleName() + ": " + message, 300);
    }
}
