package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import ru.sp500rub.RunSamples;
import ru.sp500rub.TestClock;
import ru.sp500rub.model.UsdRubRate;

class ReportsReadinessCheckTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private final TestClock clock = new TestClock(NOW);
    private Optional<Instant> lastGood = Optional.empty();
    private Optional<UsdRubRate> rate = Optional.of(RunSamples.rate("74.2926", "2026-03-01"));
    private final ReportsReadinessCheck check = new ReportsReadinessCheck(new ReadinessView() {
        @Override
        public Optional<Instant> lastGoodRunEnd() {
            return lastGood;
        }

        @Override
        public Optional<UsdRubRate> currentRate() {
            return rate;
        }
    }, Duration.ofHours(2), Duration.ofDays(7), clock);

    @Test
    void isDownBeforeTheFirstGoodRun() {
        HealthCheck.Result result = check.call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("no good run yet");
    }

    @Test
    void isUpWhileTheReportsAndTheRateAreFreshThenDownWhenTheReportsAreOlderThanTheLimit() {
        lastGood = Optional.of(NOW.minus(Duration.ofMinutes(30)));
        HealthCheck.Result fresh = check.call();
        assertThat(fresh.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(fresh.getDetails()).containsEntry("reports.age.seconds", 1800L).containsEntry("rate.date", "2026-03-01");

        clock.advance(Duration.ofMinutes(90)); // exactly the limit: still ready
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        clock.advance(Duration.ofSeconds(1));
        HealthCheck.Result stale = check.call();
        assertThat(stale.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(stale.getMessage()).hasValue("the published reports are from 2026-03-02T11:30:00Z, older than ops.ready-max-age (2h)");
    }

    @Test
    void isDownWhenTheRateInUseIsOlderThanCbrMaxAgeOrMissing() {
        lastGood = Optional.of(NOW);
        // in force from the start of its date in Moscow (21:00 UTC the day before), as the rate keeper counts
        rate = Optional.of(RunSamples.rate("74.2926", "2026-02-24")); // 6 days 15 hours old: usable
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

        rate = Optional.of(RunSamples.rate("74.2926", "2026-02-23")); // 7 days 15 hours
        assertThat(check.call().getMessage()).hasValue("the USD/RUB rate of 2026-02-23 is older than cbr.max-age (7d)");

        rate = Optional.empty();
        assertThat(check.call().getMessage()).hasValue("no usable USD/RUB rate");
        assertThat(check.isLiveness()).isFalse();
    }
}
