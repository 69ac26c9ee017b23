package ru.sp500rub.parse;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the numbers Business Insider prints: "1,234.56", "-11.22%", "+3.4%", padded with spaces or
 * no-break spaces. Anything else ("-", "n/a", "", a Vue placeholder such as "{{low52weeksDisplay}}",
 * "215.95 B", a run of digits longer than any figure) is "no number" rather than a guess, so callers can tell a missing figure from zero.
 */
final class Numbers {

    /** Either plain digits or digits grouped by commas in threes; an optional sign and fraction. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?");

    /** "1,234,567,890.12%" is 18; a figure of hundreds of digits is not a share's. */
    private static final int MAX_CHARS = 40;

    private Numbers() {
    }

    static Optional<BigDecimal> parseDecimal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = withoutPercentSign(normalised(text));
        if (candidate.length() > MAX_CHARS || !DECIMAL.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(candidate.replace(",", "")));
    }

    private static String normalised(String text) {
        return text.replace('\u00a0', ' ')
                .replace('\u202f', ' ')
                .replace('\u2212', '-') // typographic minus
                .strip();
    }

    private static String withoutPercentSign(String text) {
        return text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
    }
}
