package ru.sp500rub.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** A fully delivered company: its page's quote, its index growth, and its price in roubles (unrounded). */
public record Company(String code, String name, BigDecimal priceRub, Optional<BigDecimal> peRatio,
                      Optional<BigDecimal> growthPercent, Optional<PriceRange> yearRange) {
    public Company {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(priceRub, "priceRub");
        Objects.requireNonNull(peRatio, "peRatio");
        Objects.requireNonNull(growthPercent, "growthPercent");
        Objects.requireNonNull(yearRange, "yearRange");
    }

    public static Company of(IndexEntry listed, CompanyQuote quote, UsdRubRate rate) {
        return new Company(quote.code(), quote.name(), rate.toRoubles(quote.priceUsd()), quote.peRatio(),
                listed.growthPercent(), quote.yearRange());
    }
}
