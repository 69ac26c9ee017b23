package ru.sp500rub.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes report rows as the published JSON: an array of {"code", "name", KEY} objects, figures as JSON
 * numbers rounded half-up to 2 decimals. This is the only place figures are rounded.
 */
public final class ReportJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static byte[] toJson(Report report, List<ReportRow> rows) {
        ArrayNode array = JSON.createArrayNode();
        for (ReportRow row : rows) {
            ObjectNode node = array.addObject();
            node.put("code", row.code());
            node.put("name", row.name());
            node.put(report.valueKey(), money(row.value()));
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + report + " cannot be written as JSON", e);
        }
    }
}
