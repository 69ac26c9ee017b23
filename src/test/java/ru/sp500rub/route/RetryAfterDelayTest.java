package ru.sp500rub.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class RetryAfterDelayTest {

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfterDelay.parse("3")).contains(Duration.ofSeconds(3));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(RetryAfterDelay.parse(inTenSeconds)).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(RetryAfterDelay.parse("soon")).isEmpty();
        assertThat(RetryAfterDelay.parse("-4")).contains(Duration.ZERO);
    }

    @Test
    void findsTheHeaderInAnHttpFailureWhateverItsCase() {
        var failure = new HttpOperationFailedException("http://x", 429, "Too Many Requests", null,
                Map.of("retry-after", "2"), "");

        assertThat(RetryAfterDelay.retryAfter(failure)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfterDelay.retryAfter(new java.io.IOException("reset"))).isEmpty();
    }
}
