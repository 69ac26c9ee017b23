package ru.sp500rub.config;

import java.time.Duration;

/**
 * When the standing service runs: a scrape every {@code period} after {@code initialDelay}, the CBR rate
 * every {@code cbrPeriod}; {@code triggersEnabled=false} (what --once sets) turns the timer and inbox off.
 */
public record ScheduleSettings(Duration period, Duration initialDelay, Duration cbrPeriod,
                               boolean triggersEnabled, boolean warmUp) {

    static ScheduleSettings read(SettingsReader r) {
        return new ScheduleSettings(
                r.duration("scrape.period", "1h", Duration.ofSeconds(1), Duration.ofDays(30)),
                r.duration("scrape.initial-delay", "1s", Duration.ZERO, Duration.ofDays(1)),
                r.duration("cbr.period", "1h", Duration.ofSeconds(1), Duration.ofDays(1)),
                r.bool("triggers.enabled", true),
                r.bool("startup.warm-up", true));
    }
}
