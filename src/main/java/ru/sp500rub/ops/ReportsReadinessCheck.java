package ru.sp500rub.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import ru.sp500rub.model.UsdRubRate;

/**
 * Ready = what the service publishes can be used: the reports are from a good run no older than
 * {@code ops.ready-max-age}, and the rate in use is within {@code cbr.max-age} (counted from the start
 * of its CBR date in Moscow, the rule the rate keeper applies). Down before the first good run and whenever either goes stale; a
 * failed run alone changes nothing while the last good reports are fresh. Readiness only: an upstream
 * that is down never makes the service "not live".
 */
public final class ReportsReadinessCheck extends AbstractHealthCheck {

    public static final String ID = "sp500-reports";

    private final ReadinessView view;
    private final Duration readyMaxAge;
    private final Duration rateMaxAge;
    private final Clock clock;

    public ReportsReadinessCheck(ReadinessView view, Duration readyMaxAge, Duration rateMaxAge, Clock clock) {
        super("sp500", ID);
        this.view = view;
        this.readyMaxAge = readyMaxAge;
        this.rateMaxAge = rateMaxAge;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        builder.detail("reports.max.age", readyMaxAge.toString());
        Optional<Instant> lastGood = view.lastGoodRunEnd();
        if (lastGood.isEmpty()) {
            problems.add("no good run yet");
        } else {
            Duration age = Duration.between(lastGood.get(), now);
            builder.detail("reports.run.end", lastGood.get().toString());
            builder.detail("reports.age.seconds", Math.max(0, age.toSeconds()));
            if (age.compareTo(readyMaxAge) > 0) {
                problems.add("the published reports are from " + lastGood.get() + ", older than ops.ready-max-age ("
                        + shortText(readyMaxAge) + ")");
            }
        }
        builder.detail("rate.max.age", rateMaxAge.toString());
        Optional<UsdRubRate> rate = view.currentRate();
        if (rate.isEmpty()) {
            problems.add("no usable USD/RUB rate");
        } else {
            builder.detail("rate.usd.rub", rate.get().roublesPerDollar().toPlainString());
            builder.detail("rate.date", rate.get().date().toString());
            if (rate.get().ageAt(now).compareTo(rateMaxAge) > 0) {
                problems.add("the USD/RUB rate of " + rate.get().date() + " is older than cbr.max-age ("
                        + shortText(rateMaxAge) + ")");
            }
        }
        if (problems.isEmpty()) {
            builder.up().message("reports from " + lastGood.get() + ", rate of " + rate.get().date());
        } else {
            builder.down().message(String.join("; ", problems));
        }
    }

    /** 7d, 2h, 90m, 45s: as an operator writes it. */
    static String shortText(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
