package ru.sp500rub.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.rate.RateSnapshot;

/**
 * Writes run-summary.json (and last-failed-run.json, and each run's summary in the history): the run,
 * when, with which rate, how many companies, every failure by URL, for a failed run why nothing was
 * published, and for a good run what changed since the previous good run ({@code changes}: the
 * companies that entered and left each top 10, and the rate; null when there is none to compare with).
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
        FetchFigures fetching = summary.fetching();
        root.putObject("fetching")
                .put("requests", fetching.requests())
                .put("retries", fetching.retries())
                .put("hedges", fetching.hedges())
                .put("hedgesWon", fetching.hedgeWins())
                .put("throttleWaits", fetching.throttleWaits())
                .put("concurrencyLimit", fetching.concurrencyLimit());
        ArrayNode failures = root.putArray("failures");
        for (PageFailure failure : summary.failures()) {
            failures.addObject().put("url", failure.url()).put("reason", failure.reason());
        }
        outcome.changes().ifPresentOrElse(changes -> root.set("changes", changes(changes)), () -> root.putNull("changes"));
        try {
            return ReportJson.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run summary cannot be written as JSON", e);
        }
    }

    private static ObjectNode rate(RateSnapshot snapshot) {
        ObjectNode node = rate(snapshot.rate());
        snapshot.fallbackReason().ifPresent(reason -> node.put("fallback", reason));
        return node;
    }

    private static ObjectNode rate(UsdRubRate rate) {
        ObjectNode node = ReportJson.JSON.createObjectNode();
        node.put("usdRub", rate.roublesPerDollar());
        node.put("date", rate.date().toString());
        node.put("source", rate.source());
        return node;
    }

    private static ObjectNode changes(RunChanges changes) {
        ObjectNode node = ReportJson.JSON.createObjectNode();
        node.put("since", changes.since().toString());
        ObjectNode reports = node.putObject("reports");
        for (Report report : Report.values()) {
            ObjectNode list = reports.putObject(report.slug());
            rows(list.putArray("entered"), changes.of(report).entered());
            rows(list.putArray("left"), changes.of(report).left());
        }
        changes.rate().ifPresentOrElse(rate -> node.putObject("rate")
                        .put("change", rate.delta())
                        .<ObjectNode>set("before", rate(rate.before()))
                        .set("after", rate(rate.after())),
                () -> node.putNull("rate"));
        return node;
    }

    private static void rows(ArrayNode array, List<ReportRow> rows) {
        rows.forEach(row -> array.addObject().put("code", row.code()).put("name", row.name())
                .put("value", ReportJson.money(row.value())));
    }
}
