package ru.sp500rub.route;

/** The registry names of the beans the routes call, so a route dump names what each step does. */
public final class Beans {
    public static final String SETTINGS = "settings";
    public static final String RUN_GATE = "runGate";
    public static final String REPORTS_LOCK = "reportsLock";
    public static final String RUNS = "runs";
    public static final String INDEX_PAGES = "indexPages";
    public static final String COMPANY_PAGES = "companyPages";
    public static final String CBR = "cbr";
    public static final String RATE_KEEPER = "usdRubRateKeeper";
    public static final String PUBLICATION = "publication";
    public static final String REPORT_SET = "reportSet";
    public static final String RUN_RECORDS = "runRecords";
    public static final String REJECTED_PAGES = "rejectedPages";
    public static final String SITE_FETCH = "siteFetch";
    public static final String LEARNED_LIMIT = "learnedLimit";
    public static final String INBOX_FILES = "inboxFiles";
    public static final String INBOX_WATCH = "inboxWatch";
    public static final String RECORDING = "recording";
    /** scrape.mode=distributed: tasks and results to and from the broker's wire format. */
    public static final String BROKER = "broker";
    /** The route policy of the trigger routes: only the leader's run (a no-op without cluster.dir). */
    public static final String LEADER_ONLY = "leaderOnly";
    /** Every run kept under reports.dir/history. */
    public static final String RUN_HISTORY = "runHistory";
    /** What an operator sees: last run, last good run and its changes; readiness and the status page. */
    public static final String OPS_BOARD = "opsBoard";
    /** The Prometheus meters. */
    public static final String OPS_METRICS = "opsMetrics";
    /** What the fetch layer tells about each request (the metrics). */
    public static final String FETCH_LISTENER = "fetchListener";
    /** The --record recorder, bound only when recording. */
    public static final String RESPONSE_RECORDER = "responseRecorder";

    private Beans() {
    }
}
