package ru.sp500rub.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way every duration setting is written: ISO-8601 ({@code PT30S}, {@code P7D}, and the
 * calendar forms {@code P2W}, {@code P1M}, {@code P1Y} counted as 7, 30 and 365 days), the short form
 * ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}, combined as {@code 1h30m}), or a
 * bare whole number of milliseconds (what the {@code http.*} keys took before).
 */
public final class DurationText {

    /** What an operator may write, for error messages. */
    public static final String FORMS = "e.g. 500ms, 30s, 15m, 1h, 7d, PT30S, P7D";

    private static final Pattern SHORT_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SHORT = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");
    private static final Pattern MILLIS = Pattern.compile("\\d{1,12}");

    private DurationText() {
    }

    /** The duration written, or empty when the text is none of the accepted forms (negative ones included). */
    public static Optional<Duration> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (MILLIS.matcher(t).matches()) {
            return Optional.of(Duration.ofMillis(Long.parseLong(t)));
        }
        if (SHORT.matcher(t).matches()) {
            return Optional.of(shortForm(t));
        }
        if (t.startsWith("p")) {
            return iso(t.toUpperCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** The short form of a duration, as the README and the log lines write it: 1h30m, 45s, 250ms. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        append(text, days, "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration shortForm(String text) {
        Duration total = Duration.ZERO;
        Matcher part = SHORT_PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    private static Optional<Duration> iso(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException notATimeDuration) {
            try {
                Period period = Period.parse(text);
                if (period.isNegative()) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays()));
            } catch (DateTimeParseException | ArithmeticException notAPeriod) {
                return Optional.empty();
            }
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }
}
