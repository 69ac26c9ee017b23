package ru.sp500rub.route;

import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import ru.sp500rub.parse.LayoutNotRecognisedException;
import ru.sp500rub.rate.UsdRubRateKeeper;

/**
 * Every error policy of the service, in one place.
 *
 * <ul>
 *   <li>{@code run}: the run itself, with no error handler of its own: a failed run is logged once
 *       and recorded by the scrape route (last-failed-run.json, and the inbox file's reason), and its
 *       failure goes back to the trigger unchanged.</li>
 *   <li>{@code page-fetch}: index and company pages. HTTP 429, 5xx and I/O errors (reset, timeout,
 *       empty or truncated body) are retried with exponential back-off and jitter, honouring
 *       Retry-After; other 4xx and parse errors are not (a page in an unknown layout is saved under
 *       rejects/ for diagnosis). A page that still fails is left failed: the
 *       company splitter records it by URL, a failed index page fails the run.</li>
 *   <li>{@code rate-fetch}: the CBR. Same retries; a final failure is handed to the rate keeper, which
 *       falls back to the stored rate.</li>
 *   <li>{@code trigger}: the timer and inbox routes let a failed run fail quietly; the file consumer
 *       then moves its inbox file to .failed.</li>
 * </ul>
 */
public final class ErrorHandling extends RouteConfigurationBuilder {

    static final String RUN = "run";
    static final String PAGE_FETCH = "page-fetch";
    static final String RATE_FETCH = "rate-fetch";
    static final String TRIGGER = "trigger";

    @Override
    public void configuration() {
        RetryAfterDelay retryAfter = new RetryAfterDelay(
                Duration.parse(getContext().resolvePropertyPlaceholders("{{http.retry-after-cap}}")));

        // No error handler: a failed run goes back to its trigger as it is; the scrape route logs and
        // records it once.
        routeConfiguration(RUN).errorHandler(noErrorHandler());

        RouteConfigurationDefinition pages = routeConfiguration(PAGE_FETCH);
        pages.errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        retried(pages.onException(HttpOperationFailedException.class).onWhen(retryableStatus()), retryAfter);
        retried(pages.onException(IOException.class), retryAfter);
        pages.onException(LayoutNotRecognisedException.class).handled(false).to("direct:save-rejected-page");

        RouteConfigurationDefinition rate = routeConfiguration(RATE_FETCH);
        rate.errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        retried(rate.onException(HttpOperationFailedException.class).onWhen(retryableStatus()), retryAfter)
                .handled(true).process(ErrorHandling::rateFetchFailed);
        retried(rate.onException(IOException.class), retryAfter)
                .handled(true).process(ErrorHandling::rateFetchFailed);
        rate.onException(Exception.class)
                .handled(true).process(ErrorHandling::rateFetchFailed);

        // The scrape route has already logged and recorded a failed run; the trigger only has to let it
        // fail quietly (a failed exchange is what moves an inbox file to .failed).
        routeConfiguration(TRIGGER).errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
    }

    private static OnExceptionDefinition retried(OnExceptionDefinition clause, RetryAfterDelay retryAfter) {
        return clause
                .maximumRedeliveries("{{http.retries}}")
                .redeliveryDelay("{{http.retry-delay}}")
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .maximumRedeliveryDelay("{{http.retry-max-delay}}")
                .onRedelivery(retryAfter)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logExhausted(false)
                .logStackTrace(false);
    }

    private static Predicate retryableStatus() {
        return exchange -> {
            Throwable error = caught(exchange);
            return error instanceof HttpOperationFailedException http
                    && (http.getStatusCode() == 429 || http.getStatusCode() >= 500);
        };
    }

    /** The failure being handled: still on the exchange, or already moved to EXCEPTION_CAUGHT. */
    static Throwable caught(Exchange exchange) {
        Throwable error = exchange.getException();
        return error != null ? error : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static void rateFetchFailed(Exchange exchange) {
        UsdRubRateKeeper keeper = exchange.getContext().getRegistry().findSingleByType(UsdRubRateKeeper.class);
        keeper.fetchFailed(FailureReasons.describe(exchange, caught(exchange)));
    }
}
