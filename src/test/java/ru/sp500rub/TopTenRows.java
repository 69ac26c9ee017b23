package ru.sp500rub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reports as "CODE=value" rows (value rounded to 2 places), for end-to-end tests: the rows a report
 * file holds, and the rows a report should hold, ranked here without any of the service's code.
 */
public final class TopTenRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopTenRows() {
    }

    /** Best ten by {@code figure} (items without it do not rank), ties by code ascending. */
    public static <T> List<String> expected(Collection<T> items, Function<T, String> code,
                                            Function<T, BigDecimal> figure, boolean highestFirst) {
        Comparator<Map.Entry<String, BigDecimal>> byValue = Map.Entry.comparingByValue();
        return items.stream()
                .filter(item -> figure.apply(item) != null)
                .map(item -> Map.entry(code.apply(item), figure.apply(item)))
                .sorted((highestFirst ? byValue.reversed() : byValue).thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> e.getKey() + "=" + e.getValue().setScale(2, RoundingMode.HALF_UP).toPlainString())
                .toList();
    }

    /** A written report's rows, checking each object has exactly "code", "name" and one number. */
    public static List<String> read(Path report) throws IOException {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : JSON.readTree(report.toFile())) {
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).hasSize(3).startsWith("code", "name");
            JsonNode value = row.get(keys.get(2));
            assertThat(value.isNumber()).isTrue();
            rows.add(row.get("code").asText() + "=" + value.decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
        return rows;
    }
}
