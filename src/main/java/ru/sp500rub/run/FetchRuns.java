package ru.sp500rub.run;

import java.time.Duration;
import ru.sp500rub.fetch.FetchRun;
import ru.sp500rub.fetch.RetryBudget;
import ru.sp500rub.fetch.RunBreaker;

/** How a new run will ask the site: a fetch run of its own, and where the site's learned limit stands. */
public interface FetchRuns {

    FetchRun newRun(Duration timeout);

    int concurrencyLimit();

    /** A fetch run with neither budget nor breaker to speak of: for runs made by hand (tests, tools). */
    static FetchRun unlimited(Duration timeout) {
        return new FetchRun(new RetryBudget(10, 1_000_000), new RunBreaker(1_000_000, 1_000_000, 1, 1_000_000),
                timeout, System::nanoTime);
    }
}
