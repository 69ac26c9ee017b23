package ru.sp500rub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsIsoDurationsAndCalendarPeriods() {
        assertThat(DurationText.parse("PT30S")).contains(Duration.ofSeconds(30));
        assertThat(DurationText.parse("PT1H")).contains(Duration.ofHours(1));
        assertThat(DurationText.parse("P7D")).contains(Duration.ofDays(7));
        assertThat(DurationText.parse("p2w")).contains(Duration.ofDays(14));
        assertThat(DurationText.parse("P1M")).contains(Duration.ofDays(30));
        assertThat(DurationText.parse("P1Y")).contains(Duration.ofDays(365));
        assertThat(DurationText.parse("P1DT12H")).contains(Duration.ofHours(36));
    }

    @Test
    void readsTheShortFormAndBareMilliseconds() {
        assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(DurationText.parse("15m")).contains(Duration.ofMinutes(15));
        assertThat(DurationText.parse("1h")).contains(Duration.ofHours(1));
        assertThat(DurationText.parse("7d")).contains(Duration.ofDays(7));
        assertThat(DurationText.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse(" 8000 ")).contains(Duration.ofSeconds(8));
    }

    @Test
    void refusesWhatIsNotADurationOrIsNegative() {
        assertThat(DurationText.parse("abc")).isEmpty();
        assertThat(DurationText.parse("-5s")).isEmpty();
        assertThat(DurationText.parse("PT-5S")).isEmpty();
        assertThat(DurationText.parse("P-1D")).isEmpty();
        assertThat(DurationText.parse("5 s")).isEmpty();
        assertThat(DurationText.parse("1.5s")).isEmpty();
        assertThat(DurationText.parse("")).isEmpty();
        assertThat(DurationText.parse("99999999999999999999s")).isEmpty();
    }

    @Test
    void formatsInTheShortForm() {
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(DurationText.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }
}
