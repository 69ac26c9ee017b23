package ru.sp500rub.fetch;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a Retry-After header (RFC 9110 10.2.3): delay-seconds or an HTTP date. A header is text from
 * outside, so: anything unreadable (negative, fractional, too long) is no header at all; a date in the
 * past is "now"; anything beyond {@link #MAX} (a year) is {@code MAX}, so that no arithmetic overflows
 * and the caller's deadline check decides. No cap below that: the site's word is honoured.
 */
public final class RetryAfter {

    /** Longer than any run can bear: the caller fails the run, naming the wait. */
    public static final Duration MAX = Duration.ofDays(365);

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,30}");
    private static final int MAX_LENGTH = 64;

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (SECONDS.matcher(v).matches()) {
            String digits = v.replaceFirst("^0+(?=.)", "");
            return Optional.of(digits.length() > 10 ? MAX : min(Duration.ofSeconds(Long.parseLong(digits)), MAX));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (!at.isAfter(now)) {
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(at.isAfter(now.plus(MAX)) ? MAX : Duration.between(now, at));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
