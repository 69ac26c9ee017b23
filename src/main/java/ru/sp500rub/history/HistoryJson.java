package ru.sp500rub.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportRow;
import ru.sp500rub.report.RunChanges;
import ru.sp500rub.report.RunChanges.ListChange;
import ru.sp500rub.report.RunChanges.RateChange;
import ru.sp500rub.report.RunRecord;
import ru.sp500rub.report.RunStatus;

/**
 * Reads a history entry back: its run-summary.json (written by RunSummaryJson, as published) and its
 * four reports. Strictly: a field missing or of the wrong kind makes the entry unreadable, never a guess.
 */
final class HistoryJson {

    /** Decimals read back exactly as written: 75.0000 stays 75.0000 (the rate as the CBR set it). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private HistoryJson() {
    }

    /** Why an entry's file cannot be read back; the message says what is wrong. */
    static final class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message);
        }
    }

    static HistoryEntry readSummary(String id, byte[] json) throws UnreadableException {
        JsonNode root = tree(json);
        try {
            Optional<RateSnapshot> rate = root.path("rate").isObject()
                    ? Optional.of(new RateSnapshot(rate(root.get("rate")), optionalText(root.get("rate"), "fallback")))
                    : Optional.empty();
            List<PageFailure> failures = new ArrayList<>();
            for (JsonNode failure : array(root, "failures")) {
                failures.add(new PageFailure(text(failure, "url"), text(failure, "reason")));
            }
            RunRecord run = new RunRecord(text(root, "runId"), instant(root, "start"), instant(root, "end"),
                    RunStatus.ofLabel(text(root, "status")), optionalText(root, "error"),
                    whole(root, "companiesListed"), whole(root, "companiesDelivered"), failures, rate);
            Optional<RunChanges> changes = root.path("changes").isObject()
                    ? Optional.of(changes(root.get("changes"))) : Optional.empty();
            return new HistoryEntry(id, run, changes);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new UnreadableException("not a run summary (" + e.getMessage() + ")");
        }
    }

    static List<ReportRow> readReport(Report report, byte[] json) throws UnreadableException {
        JsonNode root = tree(json);
        if (!root.isArray()) {
            throw new UnreadableException("not a report: no JSON array");
        }
        List<ReportRow> rows = new ArrayList<>();
        for (JsonNode row : root) {
            JsonNode value = row.get(report.valueKey());
            if (value == null || !value.isNumber()) {
                throw new UnreadableException("not a report: a row without its \"" + report.valueKey() + "\"");
            }
            rows.add(new ReportRow(text(row, "code"), text(row, "name"), value.decimalValue()));
        }
        return rows;
    }

    // --- changes ---

    private static RunChanges changes(JsonNode node) throws UnreadableException {
        Map<Report, ListChange> lists = new EnumMap<>(Report.class);
        for (Report report : Report.values()) {
            JsonNode list = node.path("reports").path(report.slug());
            lists.put(report, new ListChange(rows(list, "entered"), rows(list, "left")));
        }
        Optional<RateChange> rate = node.path("rate").isObject()
                ? Optional.of(new RateChange(rate(node.get("rate").get("before")), rate(node.get("rate").get("after"))))
                : Optional.empty();
        return new RunChanges(instant(node, "since"), lists, rate);
    }

    private static List<ReportRow> rows(JsonNode list, String field) throws UnreadableException {
        List<ReportRow> rows = new ArrayList<>();
        for (JsonNode row : array(list, field)) {
            rows.add(new ReportRow(text(row, "code"), text(row, "name"), decimal(row, "value")));
        }
        return rows;
    }

    // --- the rate ---

    private static UsdRubRate rate(JsonNode node) throws UnreadableException {
        if (node == null || !node.isObject()) {
            throw new UnreadableException("not a run summary: a rate is not an object");
        }
        return new UsdRubRate(decimal(node, "usdRub"), LocalDate.parse(text(node, "date")), text(node, "source"));
    }

    // --- fields ---

    private static JsonNode tree(byte[] json) throws UnreadableException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new UnreadableException("empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new UnreadableException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UnreadableException("not JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode node, String field) throws UnreadableException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UnreadableException("no text \"" + field + "\"");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) throws UnreadableException {
        return node.hasNonNull(field) ? Optional.of(text(node, field)) : Optional.empty();
    }

    private static Instant instant(JsonNode node, String field) throws UnreadableException {
        return Instant.parse(text(node, field));
    }

    private static int whole(JsonNode node, String field) throws UnreadableException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new UnreadableException("no whole number \"" + field + "\"");
        }
        return value.intValue();
    }

    private static BigDecimal decimal(JsonNode node, String field) throws UnreadableException {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new UnreadableException("no number \"" + field + "\"");
        }
        return value.decimalValue();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) throws UnreadableException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new UnreadableException("no list \"" + field + "\"");
        }
        return value;
    }
}
