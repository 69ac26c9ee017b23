package ru.sp500rub.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ops HTTP server's settings, read through a key lookup (null = not set) until they are one of the
 * typed settings records.
 *
 * @param enabled           whether the server runs ({@code ops.enabled}, default true)
 * @param enabledExplicitly whether {@code ops.enabled} was set at all: a {@code --once} run starts the
 *                          server only then
 * @param host              the address it listens on ({@code ops.host}, default 127.0.0.1: this machine only)
 * @param port              its port ({@code ops.port}, default 9876; 0 = any free port, logged)
 * @param readyMaxAge       the oldest the published reports may be for the service to be ready
 *                          ({@code ops.ready-max-age}, default twice {@code scrape.period})
 */
public record OpsSettings(boolean enabled, boolean enabledExplicitly, String host, int port, Duration readyMaxAge) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9876;
    static final Duration MIN_READY_MAX_AGE = Duration.ofSeconds(1);
    static final Duration MAX_READY_MAX_AGE = Duration.ofDays(365);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

    /** Whether the server runs: in the standing service unless turned off; in --once only when asked for. */
    public boolean serverRuns(boolean once) {
        return enabled && (!once || enabledExplicitly);
    }

    /** @param scrapePeriod the scrape timer's period: the default ready age is twice that */
    public static OpsSettings read(Function<String, String> lookup, Duration scrapePeriod) {
        String enabledText = lookup.apply("ops.enabled");
        boolean enabled = enabledText == null || bool("ops.enabled", enabledText);
        String host = Optional.ofNullable(lookup.apply("ops.host")).map(String::strip).orElse(DEFAULT_HOST);
        if (!HOST.matcher(host).matches()) {
            throw refused("ops.host", "a host name or IP address to listen on (such as 127.0.0.1)", host);
        }
        int port = port(Optional.ofNullable(lookup.apply("ops.port")).orElse(Integer.toString(DEFAULT_PORT)));
        String ageText = lookup.apply("ops.ready-max-age");
        Duration readyMaxAge = ageText == null ? scrapePeriod.multipliedBy(2) : readyMaxAge(ageText);
        return new OpsSettings(enabled, enabledText != null, host, port, readyMaxAge);
    }

    private static boolean bool(String key, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw refused(key, "true or false", text);
        };
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw refused("ops.port", "a whole number from 0 to 65535", text);
    }

    /** ISO-8601 (PT2H, P1D) or a number with ms, s, m, h or d; a bare number is milliseconds. */
    private static Duration readyMaxAge(String text) {
        Optional<Duration> parsed = parseDuration(text.strip());
        if (parsed.isPresent() && parsed.get().compareTo(MIN_READY_MAX_AGE) >= 0
                && parsed.get().compareTo(MAX_READY_MAX_AGE) <= 0) {
            return parsed.get();
        }
        throw refused("ops.ready-max-age",
                "a duration from 1s to 365d (ISO-8601 such as PT2H, or 30s, 15m, 2h, 7d; a bare number is milliseconds)", text);
    }

    static Optional<Duration> parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = SHORT_DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return Optional.of(switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMillis(n);
        });
    }

    private static IllegalArgumentException refused(String key, String accepted, String value) {
        String shown = value.codePoints().limit(80).map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return new IllegalArgumentException("sp500-rub: " + key + " must be " + accepted + ", got \"" + shown + "\"");
    }
}
