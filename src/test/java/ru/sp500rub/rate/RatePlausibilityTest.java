package ru.sp500rub.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import ru.sp500rub.model.UsdRubRate;

class RatePlausibilityTest {

    /** 13:15 in Moscow on 1 December 2026. */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);
    private final RatePlausibility check = new RatePlausibility(NOON);

    private static UsdRubRate rate(String value, String date) {
        return new UsdRubRate(new BigDecimal(value), LocalDate.parse(date), "http://127.0.0.1/scripts/XML_daily.asp");
    }

    @Test
    void aNormalRateOfTodayIsAccepted() {
        assertThat(check.problem(rate("96.1035", "2026-12-01"))).isEmpty();
        assertThat(check.check(rate("96.1035", "2026-12-01")).roublesPerDollar()).isEqualByComparingTo("96.1035");
    }

    @Test
    void tomorrowsRateIsAcceptedTheCbrPublishesItTheEveningBefore() {
        assertThat(check.problem(rate("96.1035", "2026-12-02"))).isEmpty();
    }

    @Test
    void theDayAfterTomorrowIsRefused() {
        assertThat(check.problem(rate("96.1035", "2026-12-03"))).hasValue(
                "USD/RUB rate 96.1035 is dated 2026-12-03, after tomorrow in Moscow (2026-12-02): the CBR publishes"
                        + " at most one day ahead; check the clock of whatever produced it");
    }

    @Test
    void aRateDated2099IsRefused() {
        assertThat(check.problem(rate("74.2926", "2099-01-01"))).get().asString().contains("dated 2099-01-01");
        assertThatThrownBy(() -> check.check(rate("74.2926", "2099-01-01")))
                .isInstanceOf(RateUnavailableException.class).hasMessageContaining("after tomorrow in Moscow");
    }

    @Test
    void tomorrowIsMoscowsTomorrowNotUtcs() {
        // 01:00 on 2 December in Moscow is still 1 December in UTC: 3 December is tomorrow there
        RatePlausibility lateEvening = new RatePlausibility(Clock.fixed(Instant.parse("2026-12-01T22:00:00Z"), ZoneOffset.UTC));
        assertThat(lateEvening.problem(rate("96.1035", "2026-12-03"))).isEmpty();
        assertThat(lateEvening.problem(rate("96.1035", "2026-12-04"))).isPresent();
    }

    @Test
    void anAbsurdlyLargeRateIsRefused() {
        assertThat(check.problem(rate("1e30", "2026-12-01"))).hasValue(
                "USD/RUB rate 1E+30 of 2026-12-01 is outside the plausible range 1..1000 roubles per dollar");
    }

    @Test
    void aTinyRateIsRefused() {
        assertThat(check.problem(rate("0.0001", "2026-12-01"))).get().asString()
                .startsWith("USD/RUB rate 0.0001 of 2026-12-01 is outside the plausible range 1..1000");
        assertThat(check.problem(rate("0.0135", "2026-12-01"))).isPresent(); // dollars per rouble
    }

    @Test
    void theBoundsAreInsideTheRangeAndALostDecimalCommaIsOutside() {
        assertThat(check.problem(rate("1", "2026-12-01"))).isEmpty();
        assertThat(check.problem(rate("1000", "2026-12-01"))).isEmpty();
        assertThat(check.problem(rate("742926", "2026-12-01"))).isPresent();
    }

    @Test
    void anOldRateIsNotThisChecksBusiness() {
        assertThat(check.problem(rate("74.2926", "2021-12-31"))).isEmpty(); // the demo's rate; cbr.max-age judges age
    }

    @Test
    void aValueWithAMillionDigitsIsRefusedAndShownShort() {
        UsdRubRate huge = new UsdRubRate(new BigDecimal(BigInteger.TEN.pow(1_000_000)), LocalDate.parse("2026-12-01"), "x");
        assertThat(check.problem(huge)).get().asString().hasSizeLessThan(200)
                .startsWith("USD/RUB rate of about 1E999999 (3321929-bit) of 2026-12-01 is outside");
        UsdRubRate tiny = new UsdRubRate(new BigDecimal(BigInteger.ONE, 1_000_000), LocalDate.parse("2026-12-01"), "x");
        assertThat(check.problem(tiny)).isPresent();
    }
}
