package ru.sp500rub.route;

/** Names shared by the routes: exchange properties, the thread-pool profile and bean names. */
final class Keys {
    /** The URL the next HTTP GET fetches. */
    static final String PAGE_URL = "sp500.pageUrl";
    /** The {@link ru.sp500rub.run.ScrapeRun} of the current run. */
    static final String RUN = "sp500.run";
    /** The index row a company message started from. */
    static final String LISTED = "sp500.listed";
    /** The inbox file that started the run, if one did, as it is kept: its name and when it was picked up. */
    static final String INBOX_FILE = "sp500.inboxFile";
    /** The logger an operator follows: run started, progress, failures, run finished. */
    static final String RUN_LOG = "ru.sp500rub.run";
    /** The thread-pool profile the parallel splits run on. */
    static final String SCRAPE_POOL = "scrape";
    /** The thread-pool profile company pages are parsed on. */
    static final String PARSE_POOL = "parse";

    private Keys() {
    }
}
