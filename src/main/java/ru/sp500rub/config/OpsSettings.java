package ru.sp500rub.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ops HTTP server (health, metrics, the status page) and what "ready" means.
 *
 * @param enabled     {@code ops.enabled}: {@code auto} (the default) runs the server in the standing
 *                    service and not in {@code --once}; {@code true} runs it in both (so --once runs it
 *                    only when this is set), {@code false} in neither
 * @param host        {@code ops.host}: the one address it listens on (127.0.0.1: this machine only)
 * @param port        {@code ops.port}; 0 = a free port, logged
 * @param readyMaxAge {@code ops.ready-max-age}: the oldest the published reports may be for the
 *                    service to be ready; {@code 0s} (the default) = twice {@code scrape.period}
 */
public record OpsSettings(Enabled enabled, String host, int port, Duration readyMaxAge) {

    /** Whether the server runs. */
    public enum Enabled { AUTO, TRUE, FALSE }

    /** A host name, an IPv4 or an IPv6 address: nothing that could carry anything else. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
    private static final Duration MIN_READY_MAX_AGE = Duration.ofSeconds(1);

    static OpsSettings read(SettingsReader r, ScheduleSettings schedule) {
        // not a boolean: the repository's application.properties is also the working directory's when the
        // service runs from there, so a default written in it must not count as "set" for --once
        Enabled enabled = Enabled.valueOf(r.choice("ops.enabled", "auto", Set.of("auto", "true", "false"))
                .toUpperCase(Locale.ROOT));
        String host = r.text("ops.host", "127.0.0.1", 253);
        if (!HOST.matcher(host).matches()) {
            throw r.refuse("ops.host", "must be a host name or IP address to listen on (such as 127.0.0.1)");
        }
        int port = r.wholeNumber("ops.port", 9876, 0, 65535);
        Duration readyMaxAge = r.duration("ops.ready-max-age", "0s", Duration.ZERO, Duration.ofDays(365));
        if (readyMaxAge.isZero()) {
            readyMaxAge = schedule.period().multipliedBy(2);
        } else if (readyMaxAge.compareTo(MIN_READY_MAX_AGE) < 0) {
            throw r.refuse("ops.ready-max-age", "must be 0s (twice scrape.period) or from 1s to 365d");
        }
        return new OpsSettings(enabled, host, port, readyMaxAge);
    }

    /** The server runs in the standing service unless turned off; in --once only when turned on. */
    public boolean serverRuns(boolean once) {
        return switch (enabled) {
            case AUTO -> !once;
            case TRUE -> true;
            case FALSE -> false;
        };
    }
}
