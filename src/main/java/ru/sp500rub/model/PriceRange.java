package ru.sp500rub.model;

import java.math.BigDecimal;
import java.util.Objects;

/** The 52-week low and high of a share, in the quote currency (USD). */
public record PriceRange(BigDecimal low, BigDecimal high) {
    public PriceRange {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
    }
}
