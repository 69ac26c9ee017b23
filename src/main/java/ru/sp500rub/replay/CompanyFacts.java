package ru.sp500rub.replay;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.model.PriceRange;

/**
 * One company's public figures as the demo site shows them (USD): one row of
 * {@code demo/sp500-facts.tsv} ({@code code, name, slug, price_usd, pe, low52, high52, growth_1y_pct}).
 * An empty P/E or an empty 52-week range means the site does not show one.
 */
public record CompanyFacts(String code, String name, String slug, BigDecimal priceUsd,
                           Optional<BigDecimal> peRatio, Optional<PriceRange> yearRange,
                           BigDecimal growthPercent) {
    static final String HEADER = "code\tname\tslug\tprice_usd\tpe\tlow52\thigh52\tgrowth_1y_pct";

    public CompanyFacts {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(priceUsd, "priceUsd");
        Objects.requireNonNull(peRatio, "peRatio");
        Objects.requireNonNull(yearRange, "yearRange");
        Objects.requireNonNull(growthPercent, "growthPercent");
        if (!slug.matches("[a-z0-9.-]+-stock")) { // the slug becomes a URL path: keep it to what the site uses
            throw new IllegalArgumentException("not a company page slug: " + slug);
        }
    }

    /** The company page's path on the site, e.g. {@code /stocks/mmm-stock}. */
    public String pagePath() {
        return "/stocks/" + slug;
    }

    static CompanyFacts parse(String row) {
        String[] cells = row.split("\t", -1);
        if (cells.length != 8) {
            throw new IllegalArgumentException("a facts row has 8 cells, got: " + row);
        }
        return new CompanyFacts(cells[0], cells[1], cells[2], new BigDecimal(cells[3]), optional(cells[4]),
                range(cells[5], cells[6]), new BigDecimal(cells[7]));
    }

    private static Optional<PriceRange> range(String low, String high) {
        if (low.isEmpty() != high.isEmpty()) {
            throw new IllegalArgumentException("a 52-week range needs both ends or neither: " + low + "/" + high);
        }
        return low.isEmpty() ? Optional.empty() : Optional.of(new PriceRange(new BigDecimal(low), new BigDecimal(high)));
    }

    private static Optional<BigDecimal> optional(String cell) {
        return cell.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(cell));
    }
}
