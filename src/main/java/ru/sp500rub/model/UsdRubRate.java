package ru.sp500rub.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Roubles per one US dollar as set by the Bank of Russia for {@code date} (the XML's own ValCurs Date),
 * already divided by the quote's Nominal. {@code source} is where it was read from.
 */
public record UsdRubRate(BigDecimal roublesPerDollar, LocalDate date, String source) {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    public UsdRubRate {
        Objects.requireNonNull(roublesPerDollar, "roublesPerDollar");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(source, "source");
        if (roublesPerDollar.signum() <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + roublesPerDollar);
        }
    }

    public BigDecimal toRoubles(BigDecimal usd) {
        return usd.multiply(roublesPerDollar);
    }

    /** How long the rate has been in force at {@code now}: from the start of its date in Moscow, where the CBR sets it. */
    public Duration ageAt(Instant now) {
        return Duration.between(date.atStartOfDay(MOSCOW).toInstant(), now);
    }
}
