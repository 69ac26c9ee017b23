package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.cluster.ClusterNames;
import ru.sp500rub.cluster.RejectedMessageException;
import ru.sp500rub.cluster.WireFormat;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.CompanyResult;
import ru.sp500rub.model.CompanyTask;

/**
 * Bean {@code broker} (scrape.mode=distributed): company tasks and results to and from the broker's wire
 * format, and what happens to a message that is refused or that failed on every delivery. Nothing of
 * an exchange crosses the broker but the message it builds here: every header is removed on the way out
 * and on the way in, and what comes in is checked ({@link WireFormat}) before anything uses it.
 */
public final class BrokerSteps {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.CLUSTER_LOG);
    /** A refused message is kept for an operator, cut to this. */
    private static final int KEPT_CHARS = 2 * WireFormat.MAX_MESSAGE_CHARS;

    private final WireFormat wire;
    private final String resultsQueue;
    private final int maxDeliveries;
    private final BrokerWatch watch;

    /**
     * @param resultsQueue  this instance's results queue, named on every task it sends
     * @param maxDeliveries {@code broker.max-delivery-attempts}: the delivery on which a failing task is given up
     */
    public BrokerSteps(WireFormat wire, String resultsQueue, int maxDeliveries, BrokerWatch watch) {
        this.wire = wire;
        this.resultsQueue = resultsQueue;
        this.maxDeliveries = maxDeliveries;
        this.watch = watch;
    }

    /** A task of this instance's run, as the message that goes on the task queue; answers come to this instance. */
    public void taskOut(Exchange exchange) {
        CompanyTask task = exchange.getMessage().getBody(CompanyTask.class);
        exchange.setProperty(Keys.TASK, task);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(ClusterNames.REPLY_TO, resultsQueue);
        message.setBody(wire.writeTask(task));
    }

    /** A task that could not be queued, even after retries, is a failure of its company, named in the summary. */
    public CompanyResult couldNotQueue(@ExchangeProperty(Keys.TASK) CompanyTask task, Exchange exchange) {
        String reason = "could not queue the task on the broker: " + FailureReasons.describe(FailureReasons.caught(exchange));
        LOG.warn("Task {} of run {} not queued: {}", task.listed().pageUrl(), task.runId(), reason);
        return CompanyResult.failed(task, reason);
    }

    /**
     * A task from the broker, checked, for the company route: its result goes back to the results queue
     * its header names, which must be one of this cluster's; the run is named by id.
     */
    public void taskIn(Exchange exchange) throws RejectedMessageException {
        watch.answering();
        Message message = exchange.getMessage();
        String text = message.getBody(String.class);
        exchange.setProperty(Keys.RECEIVED_TEXT, text);
        exchange.setProperty(Keys.DELIVERY, message.getHeader("JMSXDeliveryCount", 1, Integer.class));
        String replyTo = replyQueue(message);
        CompanyTask task = wire.readTask(text);
        message.removeHeaders("*"); // a broker header must never travel into an HTTP request
        message.setBody(task);
        exchange.setProperty(Keys.TASK, task);
        exchange.setProperty(Keys.RUN_ID, task.runId());
        exchange.setProperty(Keys.RESULT_TO, replyTo);
    }

    /** A result, as the message that goes back to the instance that sent its task. */
    public void resultOut(Exchange exchange) {
        Message message = exchange.getMessage();
        CompanyResult result = message.getBody(CompanyResult.class);
        if (result == null) {
            throw new IllegalStateException("the company route gave no result for " + taskName(exchange));
        }
        String replyTo = exchange.getProperty(Keys.RESULT_TO, String.class);
        message.removeHeaders("*");
        message.setHeader(JmsConstants.JMS_DESTINATION_NAME, replyTo);
        message.setBody(wire.writeResult(result));
    }

    /** A result from the broker, checked, for {@code direct:company-result}. */
    public void resultIn(Exchange exchange) throws RejectedMessageException {
        watch.answering();
        Message message = exchange.getMessage();
        String text = message.getBody(String.class);
        exchange.setProperty(Keys.RECEIVED_TEXT, text);
        CompanyResult result = wire.readResult(text);
        message.removeHeaders("*");
        message.setBody(result);
        exchange.setProperty(Keys.RUN_ID, result.runId());
    }

    public boolean isLastDelivery(@ExchangeProperty(Keys.DELIVERY) Integer delivery) {
        return delivery != null && delivery >= maxDeliveries;
    }

    /** A task that failed on a delivery before its last: one line, and the broker delivers it again. */
    public void failedDelivery(Exchange exchange) {
        LOG.warn("Task {} failed on delivery {} of {}: {}; back on the queue", taskName(exchange),
                exchange.getProperty(Keys.DELIVERY), maxDeliveries, FailureReasons.describe(FailureReasons.caught(exchange)));
    }

    /**
     * A task that failed on its last delivery: kept on the dead-letter queue with its reason, and, when
     * it could be read, its company becomes a failure result for the run that sent it, with the reason
     * and the queue it is kept on.
     */
    public void deadLetter(Exchange exchange) {
        String why = FailureReasons.describe(FailureReasons.caught(exchange));
        LOG.warn("Task {} failed on its last delivery ({} of {}): {}; kept on {}", taskName(exchange),
                exchange.getProperty(Keys.DELIVERY), maxDeliveries, why, ClusterNames.DEAD_TASKS);
        toKeep(exchange, why);
        deadTaskResult(exchange, why);
    }

    /**
     * A task the broker moved to the dead-letter queue itself, without a reason: every worker that took it
     * stopped (died) before answering. Its run is told, and it is kept again, now with that reason.
     */
    public void unreportedDeadTask(Exchange exchange) throws RejectedMessageException {
        Message message = exchange.getMessage();
        String text = message.getBody(String.class);
        exchange.setProperty(Keys.RECEIVED_TEXT, text);
        String replyTo = replyQueue(message);
        CompanyTask task = wire.readTask(text);
        exchange.setProperty(Keys.TASK, task);
        exchange.setProperty(Keys.RESULT_TO, replyTo);
        String why = "every worker that took it stopped before answering";
        LOG.warn("Task {} of run {} was given up by the broker after {} deliveries: {}", task.listed().pageUrl(),
                task.runId(), maxDeliveries, why);
        toKeep(exchange, why);
        deadTaskResult(exchange, why);
    }

    /** Whether a dead task's company could be told to its run (it was a readable task with a good results queue). */
    public boolean hasDeadTaskResult(Exchange exchange) {
        return exchange.getProperty(Keys.DEAD_TASK_RESULT) != null;
    }

    /** Any other failure of a message from the broker: one line; the broker delivers it again, a bounded number of times. */
    public void failedMessage(Exchange exchange) {
        LOG.warn("A message from {} failed and goes back to the broker: {}", exchange.getFromEndpoint() == null ? "the broker"
                : LogText.escape(exchange.getFromEndpoint().getEndpointBaseUri(), 80),
                FailureReasons.describe(FailureReasons.caught(exchange)));
    }

    /** A run-over announcement that could not be sent or read: one line, nothing else depends on it. */
    public void announcementFailed(Exchange exchange) {
        LOG.warn("Run-over announcement for run {} failed: {}", exchange.getProperty(Keys.RUN_ID),
                FailureReasons.describe(FailureReasons.caught(exchange)));
    }

    /** A message that is not a task or result of this cluster: kept with the reason, never retried. */
    public void refused(Exchange exchange) {
        String why = FailureReasons.describe(FailureReasons.caught(exchange));
        LOG.warn("Refused a message from {}: {}; kept on {}", exchange.getFromEndpoint() == null ? "the broker"
                : LogText.escape(exchange.getFromEndpoint().getEndpointBaseUri(), 80), why, ClusterNames.REJECTED);
        toKeep(exchange, why);
    }

    private void deadTaskResult(Exchange exchange, String why) {
        CompanyTask task = exchange.getProperty(Keys.TASK, CompanyTask.class);
        if (task != null && exchange.getProperty(Keys.RESULT_TO) != null) {
            String reason = "given up after " + maxDeliveries + " deliveries (kept on " + ClusterNames.DEAD_TASKS + "): " + why;
            exchange.setProperty(Keys.DEAD_TASK_RESULT, CompanyResult.failed(task, reason));
        }
    }

    /** The message as it came, bounded, with the reason; the results queue it named, when it named a good one. */
    private static void toKeep(Exchange exchange, String why) {
        Message message = exchange.getMessage();
        String received = exchange.getProperty(Keys.RECEIVED_TEXT, String.class);
        if (received == null) {
            received = message.getBody(String.class);
        }
        message.removeHeaders("*");
        message.setBody(received == null ? "" : received.length() > KEPT_CHARS ? received.substring(0, KEPT_CHARS) : received);
        message.setHeader(ClusterNames.FAILURE_REASON, LogText.escape(why, WireFormat.MAX_REASON_CHARS));
        String replyTo = exchange.getProperty(Keys.RESULT_TO, String.class);
        if (replyTo != null) {
            message.setHeader(ClusterNames.REPLY_TO, replyTo);
        }
    }

    private static String replyQueue(Message message) throws RejectedMessageException {
        String queue = message.getHeader(ClusterNames.REPLY_TO, String.class);
        if (!ClusterNames.isResultsQueue(queue)) {
            throw new RejectedMessageException("no results queue of this cluster in " + ClusterNames.REPLY_TO + " (\""
                    + LogText.escape(String.valueOf(queue), 60) + "\")");
        }
        return queue;
    }

    private static String taskName(Exchange exchange) {
        CompanyTask task = exchange.getProperty(Keys.TASK, CompanyTask.class);
        return task == null ? "(unreadable)" : task.listed().pageUrl() + " of run " + task.runId();
    }
}
