package ru.sp500rub.config;

import java.time.Duration;

/**
 * The rate: a stored rate at most {@code maxAge} old stands in when the CBR cannot be read; a run waits
 * at most {@code awaitTimeout} for the service's first CBR answer.
 */
public record RateSettings(Duration maxAge, Duration awaitTimeout) {

    static RateSettings read(SettingsReader r) {
        return new RateSettings(
                r.duration("cbr.max-age", "P7D", Duration.ZERO, Duration.ofDays(365)),
                r.duration("cbr.await-timeout", "PT60S", Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }
}
