package ru.sp500rub.model;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the components index: the company's name as listed, the absolute URL of its page and its
 * 1-year change in percent (sign kept: -11.22 means a fall of 11.22%). A row whose change is not shown
 * keeps an empty growth rather than a made-up zero.
 *
 * <p>The name is the index's link text and can be empty: the site has listed companies with an empty
 * link (PEG and PSA on page 8 of 2022-01-06). The company page's name is the one to report.
 */
public record IndexEntry(String name, URI pageUrl, Optional<BigDecimal> growthPercent) {
    public IndexEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pageUrl, "pageUrl");
        Objects.requireNonNull(growthPercent, "growthPercent");
    }
}
