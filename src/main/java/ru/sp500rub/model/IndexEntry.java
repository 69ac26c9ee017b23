package ru.sp500rub.model;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the components index: the company's name as listed, the absolute URL of its page and its
 * 1-year change in percent (sign kept: -11.22 means a fall of 11.22%). A row whose change is not shown
 * keeps an empty growth rather than a made-up zero.
 */
public record IndexEntry(String name, URI pageUrl, Optional<BigDecimal> growthPercent) {
    public IndexEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.requireNonNull(growthPercent, "growthPercent");
    }
}
