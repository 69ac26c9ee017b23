package ru.sp500rub.cluster;

/** The broker's queues and the message headers the cluster routes use: the one place they are named. */
public final class ClusterNames {
    private ClusterNames() {
    }

    /** Company tasks, consumed by every instance. */
    public static final String TASKS = "sp500.company";
    /** Tasks that could not be done within the bounded number of deliveries, with their reason. */
    public static final String DEAD_TASKS = "sp500.company.dlq";
    /** Messages on the task queue that are not tasks at all: kept for an operator, never retried. */
    public static final String REJECTED = "sp500.rejected";
    /** Tasks and results that outlived their run's deadline (a bounded number is kept, then dropped). */
    public static final String EXPIRED = "sp500.expired";
    /** Each instance's results arrive on its own queue, named by this prefix and its instance id. */
    public static final String RESULTS_PREFIX = "sp500.result.";

    /** Header on a dead task: why it failed (printable, bounded). */
    public static final String FAILURE_REASON = "Sp500FailureReason";
    /** Artemis's own header on a message it moved: the queue it was on. */
    public static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    /** The leader-election namespace: the lock file's name under {@code cluster.dir}. */
    public static final String LEADERSHIP = "sp500-rub-leader";

    public static String resultsQueue(String instanceId) {
        return RESULTS_PREFIX + instanceId;
    }
}
