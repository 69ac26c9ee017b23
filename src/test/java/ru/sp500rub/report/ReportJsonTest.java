package ru.sp500rub.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void writesExactlyTheContractKeysWithFiguresRoundedHalfUpToTwoDecimals() throws Exception {
        List<ReportRow> rows = List.of(
                new ReportRow("NVR", "NVR Inc.", new BigDecimal("438638.365")),
                new ReportRow("AMZN", "Amazon", new BigDecimal("247716.7849")));

        JsonNode json = new ObjectMapper().readTree(ReportJson.toJson(Report.PRICE_RUB, rows));

        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(0).fieldNames()).toIterable().containsExactly("code", "name", "price");
        assertThat(json.get(0).get("price").isNumber()).isTrue();
        assertThat(json.get(0).get("price").decimalValue()).isEqualByComparingTo("438638.37");
        assertThat(json.get(1).get("price").decimalValue()).isEqualByComparingTo("247716.78");
    }

    @Test
    void eachReportUsesItsOwnKey() throws Exception {
        ReportRow row = new ReportRow("X", "X Corp", new BigDecimal("-0.005"));
        ObjectMapper mapper = new ObjectMapper();

        assertThat(mapper.readTree(ReportJson.toJson(Report.LOWEST_PE, List.of(row))).get(0).has("P/E")).isTrue();
        assertThat(mapper.readTree(ReportJson.toJson(Report.GROWTH, List.of(row))).get(0).get("growth").decimalValue())
                .isEqualByComparingTo("-0.01");
        assertThat(mapper.readTree(ReportJson.toJson(Report.POTENTIAL_PROFIT, List.of(row))).get(0).has("potential profit")).isTrue();
    }
}
