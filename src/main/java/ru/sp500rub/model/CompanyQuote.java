package ru.sp500rub.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a company page says, in USD. A page without a P/E or a 52-week range yields an empty Optional:
 * "no P/E" is not 0.
 */
public record CompanyQuote(String code, String name, BigDecimal priceUsd,
                           Optional<BigDecimal> peRatio, Optional<PriceRange> yearRange) {
    public CompanyQuote {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(priceUsd, "priceUsd");
        Objects.requireNonNull(peRatio, "peRatio");
        Objects.requireNonNull(yearRange, "yearRange");
    }
}
