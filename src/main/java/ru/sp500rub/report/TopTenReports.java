package ru.sp500rub.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.PriceRange;

/**
 * Ranks delivered companies into the four top-10 lists. Figures stay unrounded here; rounding happens
 * only when JSON is written. Ties are broken by ticker code ascending so the same input always gives the
 * same files. A company without the figure a list needs (no P/E, no range...) does not rank in it.
 */
public final class TopTenReports {

    public static final int SIZE = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TopTenReports() {
    }

    public static Map<Report, List<ReportRow>> rank(Collection<Company> companies) {
        Map<Report, List<ReportRow>> reports = new EnumMap<>(Report.class);
        reports.put(Report.PRICE_RUB, top(companies, c -> Optional.of(c.priceRub()), Comparator.reverseOrder()));
        reports.put(Report.LOWEST_PE, top(companies,
                c -> c.peRatio().filter(pe -> pe.signum() > 0), Comparator.naturalOrder()));
        reports.put(Report.GROWTH, top(companies, Company::growthPercent, Comparator.reverseOrder()));
        reports.put(Report.POTENTIAL_PROFIT, top(companies,
                c -> c.yearRange().flatMap(TopTenReports::potentialProfitPercent), Comparator.reverseOrder()));
        return reports;
    }

    /** (high - low) / low * 100: the gain of buying at the 52-week low and selling at the high. */
    public static Optional<BigDecimal> potentialProfitPercent(PriceRange range) {
        if (range.low().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(range.high().subtract(range.low())
                .multiply(HUNDRED)
                .divide(range.low(), MathContext.DECIMAL64));
    }

    private static List<ReportRow> top(Collection<Company> companies, Function<Company, Optional<BigDecimal>> figure,
                                       Comparator<BigDecimal> best) {
        Comparator<ReportRow> order = Comparator.comparing(ReportRow::value, best).thenComparing(ReportRow::code);
        return companies.stream()
                .flatMap(c -> figure.apply(c).map(v -> new ReportRow(c.code(), c.name(), v)).stream())
                .sorted(order)
                .limit(SIZE)
                .toList();
    }
}
