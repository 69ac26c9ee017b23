package ru.sp500rub.cluster;

import java.util.regex.Pattern;

/** The broker's queues and topic, the message headers the service sets, and the leader lock's name: one place. */
public final class ClusterNames {
    private ClusterNames() {
    }

    /** Company tasks, consumed by every distributed instance. */
    public static final String TASKS = "sp500.company";
    /** Tasks that failed on every one of their bounded deliveries, kept with their reason. */
    public static final String DEAD_TASKS = "sp500.company.dlq";
    /** Messages that are not tasks or results of this cluster at all: kept with the reason, never retried. */
    public static final String REJECTED = "sp500.rejected";
    /** Tasks and results that outlived their run's deadline (a bounded number is kept, then dropped). */
    public static final String EXPIRED = "sp500.expired";
    /** Each instance's results arrive on its own queue, named by this prefix and its instance id. */
    public static final String RESULTS_PREFIX = "sp500.result.";
    /** The id of every run that has ended, for every instance: no more requests for it. */
    public static final String RUNS_OVER = "sp500.run-over";

    /** Header on a task: the results queue of the instance that sent it. */
    public static final String REPLY_TO = "Sp500ReplyTo";
    /** Header on a run-over announcement: the instance that announced it. */
    public static final String ANNOUNCED_BY = "Sp500AnnouncedBy";
    /** Header on a dead task or a refused message: why (escaped, bounded). */
    public static final String FAILURE_REASON = "Sp500FailureReason";

    /** The leader-election namespace: the lock file's name under {@code cluster.dir}. */
    public static final String LEADERSHIP = "sp500-rub-leader";

    private static final Pattern RESULTS_QUEUE = Pattern.compile(Pattern.quote(RESULTS_PREFIX) + "[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    public static String resultsQueue(String instanceId) {
        String queue = RESULTS_PREFIX + instanceId;
        if (!isResultsQueue(queue)) {
            throw new IllegalArgumentException("not an instance id: " + instanceId);
        }
        return queue;
    }

    /** A reply-to header names a results queue of this cluster, and nothing else (no other address, no path). */
    public static boolean isResultsQueue(String queue) {
        return queue != null && RESULTS_QUEUE.matcher(queue).matches();
    }
}
