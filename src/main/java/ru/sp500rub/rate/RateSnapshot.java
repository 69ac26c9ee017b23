package ru.sp500rub.rate;

import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.model.UsdRubRate;

/**
 * The rate a run converts with. {@code fallbackReason} is present when the CBR could not be read and a
 * stored rate stands in for it; the run summary reports that reason.
 */
public record RateSnapshot(UsdRubRate rate, Optional<String> fallbackReason) {
    public RateSnapshot {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(fallbackReason, "fallbackReason");
    }

    public static RateSnapshot fresh(UsdRubRate rate) {
        return new RateSnapshot(rate, Optional.empty());
    }
}
