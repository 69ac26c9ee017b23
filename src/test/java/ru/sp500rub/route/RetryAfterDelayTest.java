package ru.sp500rub.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
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
    void waitsOnlyWhatTheBackOffHasNotAlreadyWaitedAndNeverPastTheCap() {
        RetryAfterDelay delay = new RetryAfterDelay(Duration.ofSeconds(30));

        assertThat(delay.stillToWait(Optional.of(Duration.ofSeconds(1)), 400)).isEqualTo(600);
        assertThat(delay.stillToWait(Optional.of(Duration.ofSeconds(1)), 2000)).isLessThanOrEqualTo(0);
        assertThat(delay.stillToWait(Optional.of(Duration.ofHours(2)), 0)).isEqualTo(30_000);
        assertThat(delay.stillToWait(Optional.empty(), 0)).isZero();
    }

    @Test
    void findsTheHeaderInAnHttpFailureWhateverItsCase() {
        var failure = new HttpOperationFailedException("http://x", 429, "Too Many Requests", null,
                Map.of("retry-after", "2"), "");

        assertThat(RetryAfterDelay.retryAfter(failure)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfterDelay.retryAfter(new java.io.IOException("reset"))).isEmpty();
    }
}
