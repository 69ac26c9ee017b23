package ru.sp500rub.route;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Honours a server's Retry-After (seconds or an HTTP date) before a redelivery, capped so a hostile or
 * confused server cannot park a worker for hours. Camel's own back-off has already waited; this adds
 * whatever is still missing.
 */
final class RetryAfterDelay implements Processor {

    private final Duration cap;

    RetryAfterDelay(Duration cap) {
        this.cap = cap;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        // kept as a property: the HTTP route removes every header before its request
        exchange.setProperty(Keys.RETRIES, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
        Throwable error = FailureReasons.caught(exchange);
        long backOffMillis = exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, 0L, Long.class);
        long missing = stillToWait(retryAfter(error), backOffMillis);
        if (missing > 0) {
            Thread.sleep(missing);
        }
    }

    /** What Retry-After (capped) asks for beyond the back-off Camel has already waited. */
    long stillToWait(Optional<Duration> retryAfter, long backOffMillis) {
        return retryAfter.map(d -> Math.min(d.toMillis(), cap.toMillis()) - backOffMillis).orElse(0L);
    }

    static Optional<Duration> retryAfter(Throwable error) {
        if (!(error instanceof HttpOperationFailedException http) || http.getResponseHeaders() == null) {
            return Optional.empty();
        }
        return http.getResponseHeaders().entrySet().stream()
                .filter(e -> "retry-after".equalsIgnoreCase(e.getKey()))
                .map(e -> parse(e.getValue()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
