package ru.sp500rub.route;

import org.apache.camel.Exchange;

/**
 * Names shared by the routes: exchange properties, thread-pool profiles and the operator's logger.
 * A Simple expression that reads a property is built here too, so a rename cannot break it silently.
 */
public final class Keys {
    /** What started a run ("timer", "inbox file X", "--once"), for the log and the summary. */
    public static final String TRIGGER = "sp500.trigger";
    /** The id of the run an exchange works for; the run itself is looked up by it. */
    public static final String RUN_ID = "sp500.runId";
    /** The URL the next HTTP GET fetches. */
    public static final String PAGE_URL = "sp500.pageUrl";
    /** The company task a company exchange started from. */
    public static final String TASK = "sp500.task";
    /**
     * Where a company result goes: absent (the default), into its run here; the results queue of the
     * instance that sent the task, when the task came over the broker. Set by whoever hands the task to the
     * company route (the broker's worker route, from a checked header), never read from a message as is.
     */
    public static final String RESULT_TO = "sp500.resultTo";
    /** The delivery a task from the broker is on (1 the first time). */
    public static final String DELIVERY = "sp500.delivery";
    /** A message as it came from the broker, kept for the dead-letter or refused queue. */
    public static final String RECEIVED_TEXT = "sp500.receivedText";
    /** The failure result of a dead task, for the instance that sent it. */
    public static final String DEAD_TASK_RESULT = "sp500.deadTaskResult";
    /** The inbox file that started the run, if one did, as it is kept: its name and when it was picked up. */
    public static final String INBOX_FILE = "sp500.inboxFile";
    /** The run's hold on the reports folder's lock (this process only: never sent anywhere). */
    public static final String REPORTS_HOLD = "sp500.reportsHold";
    /** The response's content type, kept by the HTTP route (every other header is removed). */
    public static final String CONTENT_TYPE = Exchange.CONTENT_TYPE;
    /** The logger of the broker's side of things: tasks refused, dead-lettered or given back, leadership. */
    public static final String CLUSTER_LOG = "ru.sp500rub.cluster";
    /** The logger an operator follows: run started, progress, failures, run finished. */
    public static final String RUN_LOG = "ru.sp500rub.run";
    /** The logger of the ops HTTP endpoints. */
    public static final String OPS_LOG = "ru.sp500rub.ops";
    /** The thread-pool profile the parallel splits run on. */
    public static final String SCRAPE_POOL = "scrape";
    /** The thread-pool profile company pages are parsed on. */
    public static final String PARSE_POOL = "parse";

    private Keys() {
    }

    /** {@code ${exchangeProperty.NAME}}, for Simple expressions and endpoint options. */
    static String simpleProperty(String name) {
        return "${exchangeProperty." + name + "}";
    }
}
