package ru.sp500rub.rate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.model.UsdRubRate;

/**
 * Whether a USD/RUB rate can be true, wherever it comes from (a CBR answer, {@code rate.json}): a rate
 * from outside is data, not a fact, and one wrong rate turns every price of a run into nonsense.
 *
 * <p><b>Date.</b> The Bank of Russia sets the next day's rate in the afternoon and publishes it dated
 * that next day, so a rate dated tomorrow (in Moscow) is normal; one dated later cannot be real: a
 * clock gone wrong, or a hand-edited file, and it would pass {@code cbr.max-age} for ever. No lower
 * bound: how old a rate may be is the keeper's {@code cbr.max-age} (and the demo's 2021 rate must pass).
 *
 * <p><b>Value.</b> Roubles per dollar, after the Nominal, from {@value #LOWEST_TEXT} to
 * {@value #HIGHEST_TEXT}. Since the 1998 redenomination the CBR's official rate has stayed between
 * 5.96 (January 1998) and 120.38 (11 March 2022). The band is a sixth of the lowest and eight times the
 * highest: wide enough for any crisis without a code change, narrow enough to refuse what a parser or
 * a hand edit gets wrong: a lost decimal comma (742926 for 74,2926), a rate per 100 dollars read as
 * per dollar, dollars per rouble (0.0135), an exponent (1e30), a pre-1998 rouble.
 */
public final class RatePlausibility {

    static final String LOWEST_TEXT = "1";
    static final String HIGHEST_TEXT = "1000";
    public static final BigDecimal LOWEST = new BigDecimal(LOWEST_TEXT);
    public static final BigDecimal HIGHEST = new BigDecimal(HIGHEST_TEXT);
    /** The CBR's rates are dated by its own calendar. */
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** How a refused value is shown: enough digits to recognise it, never a million. */
    private static final MathContext SHOWN = new MathContext(12);

    private final Clock clock;

    public RatePlausibility(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Empty when the rate is plausible, else why not, in words an operator can act on. */
    public Optional<String> problem(UsdRubRate rate) {
        BigDecimal value = rate.roublesPerDollar();
        if (!withinRange(value)) {
            return Optional.of("USD/RUB rate " + shown(value) + " of " + rate.date()
                    + " is outside the plausible range " + LOWEST_TEXT + ".." + HIGHEST_TEXT + " roubles per dollar");
        }
        LocalDate tomorrow = LocalDate.now(clock.withZone(MOSCOW)).plusDays(1);
        if (rate.date().isAfter(tomorrow)) {
            return Optional.of("USD/RUB rate " + shown(value) + " is dated " + rate.date()
                    + ", after tomorrow in Moscow (" + tomorrow + "): the CBR publishes at most one day ahead;"
                    + " check the clock of whatever produced it");
        }
        return Optional.empty();
    }

    /**
     * A value with thousands of digits is out of range by its size alone: told so without arithmetic
     * on all its digits (what a hostile answer would make us spend CPU on).
     */
    private static boolean withinRange(BigDecimal value) {
        double log10 = approximateLog10(value);
        if (log10 > 5 || log10 < -2) {
            return false;
        }
        return value.compareTo(LOWEST) >= 0 && value.compareTo(HIGHEST) <= 0;
    }

    private static String shown(BigDecimal value) {
        if (value.unscaledValue().bitLength() <= 128) {
            return value.round(SHOWN).toString();
        }
        return "of about 1E" + (long) Math.floor(approximateLog10(value)) + " (" + value.unscaledValue().bitLength() + "-bit)";
    }

    /** log10 of the value within one, from the bit length of its digits and its scale. */
    private static double approximateLog10(BigDecimal value) {
        return (value.unscaledValue().bitLength() - 1) * Math.log10(2) - value.scale();
    }

    /** The rate itself when plausible. */
    public UsdRubRate check(UsdRubRate rate) {
        problem(rate).ifPresent(reason -> {
            throw new RateUnavailableException(reason);
        });
        return rate;
    }
}
