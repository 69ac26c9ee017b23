package ru.sp500rub.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.rate.RateSnapshot;

/**
 * Writes run-summary.json (and last-failed-run.json): the run, when, with which rate, how many
 * companies, every failure by URL, and for a failed run why nothing was published.
 */
public final class RunSummaryJson {

    private RunSummaryJson() {
    }

    public static byte[] toJson(RunOutcome outcome) {
        RunSummary summary = outcome.summary();
        ObjectNode root = ReportJson.JSON.createObjectNode();
        root.put("status", outcome.status().label());
        outcome.failure().ifPresent(e -> root.put("error", e));
        root.put("runId", summary.runId());
        root.put("trigger", summary.trigger());
        root.put("start", summary.start().toString());
        root.put("end", summary.end().toString());
        root.put("durationSeconds", BigDecimal.valueOf(summary.duration().toMillis(), 3));
        summary.rate().ifPresentOrElse(rate -> root.set("rate", rate(rate)), () -> root.putNull("rate"));
        root.put("indexPages", summary.indexPages());
        root.put("companiesListed", summary.companiesListed());
        root.put("companiesDelivered", summary.companiesDelivered());
        root.putObject("companyParsing")
                .put("pages", summary.companyParsing().pages())
                .put("millisTotal", summary.companyParsing().total().toMillis())
                .put("millisPerPage", BigDecimal.valueOf(summary.companyParsing().millisPerPage()).setScale(3, RoundingMode.HALF_UP));
        ArrayNode failures = root.putArray("failures");
        for (PageFailure failure : summary.failures()) {
            failures.addObject().put("url", failure.url()).put("reason", failure.reason());
        }
        try {
            return ReportJson.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run summary cannot be written as JSON", e);
        }
    }

    private static ObjectNode rate(RateSnapshot snapshot) {
        ObjectNode node = ReportJson.JSON.createObjectNode();
        node.put("usdRub", snapshot.rate().roublesPerDollar());
        node.put("date", snapshot.rate().date().toString());
        node.put("source", snapshot.rate().source());
        snapshot.fallbackReason().ifPresent(reason -> node.put("fallback", reason));
        return node;
    }
}
