package ru.sp500rub.report;

/**
 * How a run asked the site: requests sent (hedges and retries included), retries of faults, hedges (and
 * how many won their race), waits the site asked for (429, Retry-After), and the concurrency limit the
 * service had learned by the end of the run.
 */
public record FetchFigures(long requests, long retries, long hedges, long hedgeWins, long throttleWaits,
                           int concurrencyLimit) {

    public static final FetchFigures NONE = new FetchFigures(0, 0, 0, 0, 0, 0);
}
