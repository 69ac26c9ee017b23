package ru.sp500rub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.sp500rub.model.Company;
import ru.sp500rub.model.PriceRange;

class TopTenReportsTest {

    @Test
    void ranksTheTenMostExpensiveSharesBestFirstWithTiesByCode() {
        List<Company> companies = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            companies.add(company("C" + (char) ('A' + i), i * 100, null, null, null));
        }
        companies.add(company("AAA", 1200, null, null, null)); // ties with the top price, sorts before "CM"

        List<ReportRow> top = TopTenReports.rank(companies).get(Report.PRICE_RUB);

        assertThat(top).hasSize(10);
        assertThat(top).extracting(ReportRow::code).startsWith("AAA", "CM", "CL").endsWith("CE");
        assertThat(top.get(0).value()).isEqualByComparingTo("1200");
    }

    @Test
    void lowestPeRanksOnlyPositiveRatiosAndNeverTreatsMissingAsZero() {
        List<Company> companies = List.of(
                company("NEG", 10, "-5.2", null, null),
                company("ZERO", 10, "0", null, null),
                company("NONE", 10, null, null, null),
                company("HIGH", 10, "40.5", null, null),
                company("LOW", 10, "3.25", null, null));

        List<ReportRow> top = TopTenReports.rank(companies).get(Report.LOWEST_PE);

        assertThat(top).extracting(ReportRow::code).containsExactly("LOW", "HIGH");
    }

    @Test
    void growthKeepsItsSignAndSkipsCompaniesWithoutIt() {
        List<Company> companies = List.of(
                company("DOWN", 10, null, "-11.22", null),
                company("UP", 10, null, "12.5", null),
                company("NONE", 10, null, null, null));

        Map<Report, List<ReportRow>> reports = TopTenReports.rank(companies);

        assertThat(reports.get(Report.GROWTH)).extracting(ReportRow::code).containsExactly("UP", "DOWN");
        assertThat(reports.get(Report.GROWTH).get(1).value()).isEqualByComparingTo("-11.22");
    }

    @Test
    void potentialProfitIsHighOverLowMinusOneInPercent() {
        List<Company> companies = List.of(
                company("DOUBLE", 10, null, null, new PriceRange(new BigDecimal("50"), new BigDecimal("100"))),
                company("THIRD", 10, null, null, new PriceRange(new BigDecimal("150"), new BigDecimal("200"))),
                company("NORANGE", 10, null, null, null),
                company("ZEROLOW", 10, null, null, new PriceRange(BigDecimal.ZERO, new BigDecimal("5"))));

        List<ReportRow> top = TopTenReports.rank(companies).get(Report.POTENTIAL_PROFIT);

        assertThat(top).extracting(ReportRow::code).containsExactly("DOUBLE", "THIRD");
        assertThat(top.get(0).value()).isEqualByComparingTo("100");
        assertThat(ReportJson.money(top.get(1).value())).isEqualByComparingTo("33.33");
    }

    @Test
    void fewerThanTenCandidatesGiveAShorterList() {
        assertThat(TopTenReports.rank(List.of(company("ONE", 1, null, null, null))).get(Report.PRICE_RUB)).hasSize(1);
        assertThat(TopTenReports.rank(List.of()).get(Report.GROWTH)).isEmpty();
    }

    static Company company(String code, long priceRub, String pe, String growth, PriceRange range) {
        return new Company(code, code + " Inc.", BigDecimal.valueOf(priceRub),
                Optional.ofNullable(pe).map(BigDecimal::new), Optional.ofNullable(growth).map(BigDecimal::new),
                Optional.ofNullable(range));
    }
}
