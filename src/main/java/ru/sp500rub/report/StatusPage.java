package ru.sp500rub.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.rate.RateSnapshot;
import ru.sp500rub.report.RunChanges.ListChange;

/**
 * The status page: one self-contained HTML document (inline CSS, inline SVG, no script, nothing
 * fetched), the same bytes whether served at the ops server's "/" or opened from disk as report.html.
 * The four top-10s are horizontal bars on a shared zero line (a negative growth is a bar to the left of
 * it); the history is two small SVG bar charts. Every text that came from outside (company names and
 * codes, failure reasons, URLs, the rate's source) is escaped and bounded; numbers are formatted here.
 */
public final class StatusPage {

    /** The page's name in reports.dir, published with the four reports. */
    public static final String FILE_NAME = "report.html";
    /** The summary published beside the reports; linked from the page opened from disk. */
    private static final String SUMMARY_FILE = Publication.SUMMARY_FILE;
    /** Failures listed on the page; the rest are counted (run-summary.json has them all). */
    static final int MAX_FAILURES_SHOWN = 100;
    /** Runs drawn in the history charts, the newest ones. */
    static final int MAX_HISTORY_SHOWN = 200;
    private static final int MAX_NAME = 120;
    private static final int MAX_TEXT = 400;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private StatusPage() {
    }

    public static byte[] render(StatusView view) {
        StringBuilder html = new StringBuilder(32 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>sp500-rub: S&amp;P 500 in roubles</title>\n<style>").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>S&amp;P 500 in roubles</h1>\n<p class=\"generated\">As of ")
                .append(time(view.generatedAt())).append("</p>\n</header>\n<main>\n");
        lastRun(html, view);
        rate(html, view.published());
        changes(html, view.changes());
        reports(html, view.published());
        history(html, view.history());
        html.append("</main>\n");
        footer(html, view.mode());
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    // --- sections ---

    private static void lastRun(StringBuilder html, StatusView view) {
        html.append("<section id=\"last-run\">\n");
        if (view.lastRun().isEmpty()) {
            html.append("<h2>Last run</h2>\n<p class=\"none\">No run has finished yet.</p>\n</section>\n");
            return;
        }
        RunRecord run = view.lastRun().get();
        html.append("<h2>Last run: <span class=\"status status-").append(run.status().label()).append("\">")
                .append(run.status().label()).append("</span></h2>\n<dl class=\"facts\">\n");
        fact(html, "Started", time(run.start()));
        fact(html, "Took", duration(run.duration()));
        fact(html, "Companies", run.companiesListed() + " listed, " + run.companiesDelivered() + " delivered, "
                + run.companiesFailed() + " failed");
        html.append("</dl>\n");
        run.error().ifPresent(error -> html.append("<p class=\"error\">Why it failed: ")
                .append(text(error, MAX_TEXT)).append("</p>\n"));
        failures(html, run.failures());
        view.published().map(PublishedRun::run)
                .filter(published -> !published.equals(run))
                .ifPresent(published -> html.append("<p class=\"note\">The reports below are still those of the last good run, ")
                        .append(time(published.end())).append(".</p>\n"));
        html.append("</section>\n");
    }

    private static void failures(StringBuilder html, List<PageFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        html.append("<table class=\"failures\">\n<caption>").append(failures.size())
                .append(failures.size() == 1 ? " page" : " pages").append(" not delivered</caption>\n")
                .append("<thead><tr><th>Page</th><th>Reason</th></tr></thead>\n<tbody>\n");
        for (PageFailure failure : failures.subList(0, Math.min(failures.size(), MAX_FAILURES_SHOWN))) {
            html.append("<tr><td class=\"url\">").append(text(failure.url(), MAX_TEXT)).append("</td><td>")
                    .append(text(failure.reason(), MAX_TEXT)).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (failures.size() > MAX_FAILURES_SHOWN) {
            html.append("<p class=\"note\">and ").append(failures.size() - MAX_FAILURES_SHOWN)
                    .append(" more, all named in ").append(SUMMARY_FILE).append(".</p>\n");
        }
    }

    private static void rate(StringBuilder html, Optional<PublishedRun> published) {
        Optional<RateSnapshot> rate = published.flatMap(p -> p.run().rate());
        html.append("<section id=\"rate\">\n<h2>USD/RUB</h2>\n");
        if (rate.isEmpty()) {
            html.append("<p class=\"none\">No published reports yet.</p>\n</section>\n");
            return;
        }
        RateSnapshot snapshot = rate.get();
        html.append("<p><span class=\"rate\">").append(snapshot.rate().roublesPerDollar().toPlainString())
                .append("</span> roubles per US dollar, the Bank of Russia rate for <span class=\"rate-date\">")
                .append(snapshot.rate().date()).append("</span>.</p>\n");
        snapshot.fallbackReason().ifPresent(reason -> html.append("<p class=\"note\">")
                .append(text(reason, MAX_TEXT)).append("</p>\n"));
        html.append("</section>\n");
    }

    private static void changes(StringBuilder html, Optional<RunChanges> changes) {
        html.append("<section id=\"changes\">\n<h2>What changed since the previous good run</h2>\n");
        if (changes.isEmpty()) {
            html.append("<p class=\"none\">No earlier good run to compare with.</p>\n</section>\n");
            return;
        }
        RunChanges change = changes.get();
        html.append("<p class=\"note\">Against the good run that ended ").append(time(change.since())).append(".</p>\n")
                .append("<table class=\"changes\">\n<thead><tr><th>Top 10</th><th>Entered</th><th>Left</th></tr></thead>\n<tbody>\n");
        for (Report report : Report.values()) {
            ListChange list = change.of(report);
            html.append("<tr data-report=\"").append(report.slug()).append("\"><th>").append(title(report))
                    .append("</th><td class=\"entered\">").append(companies(list.entered()))
                    .append("</td><td class=\"left\">").append(companies(list.left())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        change.rate().ifPresent(rate -> html.append("<p class=\"rate-change\">USD/RUB ")
                .append(rate.before().roublesPerDollar().toPlainString()).append(" (").append(rate.before().date())
                .append(") &rarr; ").append(rate.after().roublesPerDollar().toPlainString()).append(" (")
                .append(rate.after().date()).append("): ").append(signed(rate.delta())).append("</p>\n"));
        html.append("</section>\n");
    }

    private static String companies(List<ReportRow> rows) {
        if (rows.isEmpty()) {
            return "<span class=\"none\">none</span>";
        }
        StringBuilder list = new StringBuilder();
        for (ReportRow row : rows) {
            list.append(list.isEmpty() ? "" : ", ").append(text(row.name(), MAX_NAME))
                    .append(" <span class=\"code\">").append(text(row.code(), MAX_NAME)).append("</span>");
        }
        return list.toString();
    }

    private static void reports(StringBuilder html, Optional<PublishedRun> published) {
        html.append("<section id=\"reports\">\n<h2>Top 10s</h2>\n");
        if (published.isEmpty()) {
            html.append("<p class=\"none\">No published reports yet.</p>\n</section>\n");
            return;
        }
        html.append("<p class=\"note\">From the run that ended ").append(time(published.get().run().end()))
                .append(".</p>\n<div class=\"charts\">\n");
        for (Report report : Report.values()) {
            chart(html, report, published.get().rows(report));
        }
        html.append("</div>\n</section>\n");
    }

    /** Bars on one scale from the chart's zero line: positive to the right, negative to the left. */
    private static void chart(StringBuilder html, Report report, List<ReportRow> rows) {
        double most = rows.stream().mapToDouble(r -> r.value().doubleValue()).max().orElse(0);
        double least = rows.stream().mapToDouble(r -> r.value().doubleValue()).min().orElse(0);
        double positive = Math.max(0, most);
        double negative = Math.max(0, -least);
        double span = positive + negative;
        double zero = span == 0 ? 0 : 100 * negative / span;
        html.append("<figure class=\"chart\" id=\"chart-").append(report.slug()).append("\" data-report=\"")
                .append(report.slug()).append("\">\n<figcaption>").append(title(report)).append(" <span class=\"unit\">")
                .append(unit(report)).append("</span></figcaption>\n");
        if (rows.isEmpty()) {
            html.append("<p class=\"none\">No company had this figure.</p>\n</figure>\n");
            return;
        }
        html.append("<ol class=\"bars\">\n");
        for (ReportRow row : rows) {
            BigDecimal value = ReportJson.money(row.value());
            double share = span == 0 ? 0 : 100 * Math.abs(row.value().doubleValue()) / span;
            double left = row.value().signum() < 0 ? zero - share : zero;
            html.append("<li class=\"bar\" data-code=\"").append(text(row.code(), MAX_NAME)).append("\" data-value=\"")
                    .append(value.toPlainString()).append("\"><span class=\"code\">").append(text(row.code(), MAX_NAME))
                    .append("</span><span class=\"name\" title=\"").append(text(row.name(), MAX_NAME)).append("\">")
                    .append(text(row.name(), MAX_NAME)).append("</span><span class=\"track\">");
            if (negative > 0) {
                html.append("<span class=\"zero\" style=\"left:").append(percent(zero)).append("\"></span>");
            }
            html.append("<span class=\"fill ").append(row.value().signum() < 0 ? "negative" : "positive")
                    .append("\" style=\"left:").append(percent(left)).append(";width:").append(percent(share))
                    .append("\"></span></span><span class=\"value\">").append(figure(report, value)).append("</span></li>\n");
        }
        html.append("</ol>\n</figure>\n");
    }

    private static void history(StringBuilder html, List<RunRecord> runs) {
        html.append("<section id=\"history\">\n<h2>History</h2>\n");
        if (runs.isEmpty()) {
            html.append("<p class=\"none\">No runs recorded yet.</p>\n</section>\n");
            return;
        }
        List<RunRecord> shown = runs.subList(Math.max(0, runs.size() - MAX_HISTORY_SHOWN), runs.size());
        html.append("<p class=\"note\">The last ").append(shown.size()).append(shown.size() == 1 ? " run" : " runs")
                .append(", oldest on the left; failed runs in red.</p>\n<div class=\"charts\">\n");
        double longest = shown.stream().mapToDouble(r -> r.duration().toMillis() / 1000.0).max().orElse(0);
        historyChart(html, "history-duration", "Run duration", shown, r -> r.duration().toMillis() / 1000.0,
                r -> 0, seconds(longest));
        double listed = shown.stream().mapToDouble(RunRecord::companiesListed).max().orElse(0);
        historyChart(html, "history-delivered", "Companies delivered (of those listed)", shown,
                RunRecord::companiesDelivered, RunRecord::companiesListed, String.valueOf((long) listed));
        html.append("</div>\n</section>\n");
    }

    /** One bar per run, height by {@code value}; {@code behind} is drawn faintly behind it (e.g. listed). */
    private static void historyChart(StringBuilder html, String id, String title, List<RunRecord> runs,
                                     ToDoubleFunction<RunRecord> value, ToDoubleFunction<RunRecord> behind, String topLabel) {
        final double width = 640;
        final double height = 150;
        final double left = 48;
        final double top = 10;
        final double plot = 110;
        double max = runs.stream().mapToDouble(r -> Math.max(value.applyAsDouble(r), behind.applyAsDouble(r))).max().orElse(0);
        double step = (width - left - 8) / runs.size();
        double barWidth = Math.max(1, step * 0.8);
        html.append("<figure class=\"chart history\" id=\"").append(id).append("\">\n<figcaption>").append(title)
                .append("</figcaption>\n<svg viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" role=\"img\" aria-label=\"").append(title).append("\">\n")
                .append("<line class=\"axis\" x1=\"").append(num(left)).append("\" y1=\"").append(num(top + plot))
                .append("\" x2=\"").append(num(width - 4)).append("\" y2=\"").append(num(top + plot)).append("\"/>\n")
                .append("<text class=\"tick\" x=\"").append(num(left - 4)).append("\" y=\"").append(num(top + 10))
                .append("\" text-anchor=\"end\">").append(topLabel).append("</text>\n")
                .append("<text class=\"tick\" x=\"").append(num(left - 4)).append("\" y=\"").append(num(top + plot))
                .append("\" text-anchor=\"end\">0</text>\n");
        for (int i = 0; i < runs.size(); i++) {
            RunRecord run = runs.get(i);
            double x = left + i * step + (step - barWidth) / 2;
            html.append("<g class=\"run status-").append(run.status().label()).append("\"><title>")
                    .append(time(run.start())).append(": ").append(run.status().label()).append(", ")
                    .append(duration(run.duration())).append(", ").append(run.companiesDelivered()).append(" of ")
                    .append(run.companiesListed()).append(" delivered</title>");
            double back = behind.applyAsDouble(run);
            if (back > 0) {
                bar(html, "behind", x, barWidth, top, plot, back / max);
            }
            bar(html, "front", x, barWidth, top, plot, max == 0 ? 0 : value.applyAsDouble(run) / max);
            html.append("</g>\n");
        }
        html.append("<text class=\"tick\" x=\"").append(num(left)).append("\" y=\"").append(num(height - 8)).append("\">")
                .append(SHORT_TIME.format(runs.get(0).start())).append("</text>\n")
                .append("<text class=\"tick\" x=\"").append(num(width - 4)).append("\" y=\"").append(num(height - 8))
                .append("\" text-anchor=\"end\">").append(SHORT_TIME.format(runs.get(runs.size() - 1).start()))
                .append("</text>\n</svg>\n</figure>\n");
    }

    private static void bar(StringBuilder html, String kind, double x, double width, double top, double plot, double share) {
        double h = Math.max(share > 0 ? 1 : 0, plot * Math.min(1, share));
        html.append("<rect class=\"").append(kind).append("\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(top + plot - h)).append("\" width=\"").append(num(width)).append("\" height=\"")
                .append(num(h)).append("\"/>");
    }

    private static void footer(StringBuilder html, StatusView.Mode mode) {
        html.append("<footer>\n");
        if (mode == StatusView.Mode.SERVED) {
            html.append("<p>For machines: <a href=\"health\">health</a> (<a href=\"health/ready\">ready</a>, ")
                    .append("<a href=\"health/live\">live</a>), <a href=\"metrics\">metrics</a>.</p>\n");
        } else {
            html.append("<p>The published files beside this page:");
            for (Report report : Report.values()) {
                html.append(" <a href=\"").append(report.fileName()).append("\">").append(report.fileName()).append("</a>,");
            }
            html.append(" <a href=\"").append(SUMMARY_FILE).append("\">").append(SUMMARY_FILE).append("</a>.</p>\n");
        }
        html.append("</footer>\n");
    }

    // --- words and numbers ---

    static String title(Report report) {
        return switch (report) {
            case PRICE_RUB -> "Most expensive shares";
            case LOWEST_PE -> "Lowest P/E";
            case GROWTH -> "Highest 1-year growth";
            case POTENTIAL_PROFIT -> "Highest potential profit";
        };
    }

    private static String unit(Report report) {
        return switch (report) {
            case PRICE_RUB -> "roubles per share";
            case LOWEST_PE -> "price / earnings";
            case GROWTH -> "percent over one year";
            case POTENTIAL_PROFIT -> "percent, 52-week low to high";
        };
    }

    /** A figure as shown beside its bar, from the value already rounded as the reports round it. */
    static String figure(Report report, BigDecimal money) {
        String number = grouped(money);
        return switch (report) {
            case PRICE_RUB -> number + " \u20bd";
            case LOWEST_PE -> number;
            case GROWTH -> (money.signum() > 0 ? "+" : "") + number + " %";
            case POTENTIAL_PROFIT -> number + " %";
        };
    }

    private static String grouped(BigDecimal money) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(money);
    }

    private static String signed(BigDecimal delta) {
        return (delta.signum() > 0 ? "+" : "") + delta.toPlainString();
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", Math.max(0, Math.min(100, value)));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static void fact(StringBuilder html, String term, String value) {
        html.append("<dt>").append(term).append("</dt><dd>").append(value).append("</dd>\n");
    }

    /**
     * Text from outside, made safe for one place in the page: control characters made spaces, at most
     * {@code max} characters (an ellipsis says more was cut), then escaped.
     */
    static String text(String raw, int max) {
        int[] codePoints = raw.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c).toArray();
        String bounded = new String(codePoints, 0, Math.min(codePoints.length, max));
        return HtmlText.escape(bounded) + (codePoints.length > max ? "\u2026" : "");
    }

    private static final String CSS = """
            :root{--ink:#1a202c;--muted:#5a6577;--line:#d9dee7;--pos:#2b6cb0;--neg:#c53030;--ok:#2f855a;--warn:#b7791f}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f7f8fa}
            header,main,footer{max-width:1180px;margin:0 auto;padding:0 16px}
            header{padding-top:16px}
            h1{font-size:22px;margin:0 0 2px}
            h2{font-size:17px;margin:0 0 8px}
            section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:12px 0}
            .generated,.note,.none,.unit,footer{color:var(--muted)}
            .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
            .facts dt{color:var(--muted)}
            .facts dd{margin:0}
            .status{padding:1px 8px;border-radius:10px;color:#fff;font-size:14px}
            .status-complete{background:var(--ok)}
            .status-partial{background:var(--warn)}
            .status-failed{background:var(--neg)}
            .error{color:var(--neg)}
            table{border-collapse:collapse;width:100%;margin:8px 0}
            th,td{text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid var(--line)}
            caption{text-align:left;font-weight:600;padding:4px 0}
            .url{word-break:break-all;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
            .rate{font-size:20px;font-weight:600}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:12px}
            figure{margin:0}
            figcaption{font-weight:600;margin-bottom:6px}
            .bars{list-style:none;margin:0;padding:0}
            .bar{display:grid;grid-template-columns:56px minmax(0,190px) 1fr 112px;align-items:center;gap:8px;height:24px}
            .bar .code,.changes .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
            .bar .name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
            .bar .value{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .track{position:relative;height:14px;background:#eef1f5;border-radius:2px}
            .fill{position:absolute;top:0;bottom:0;border-radius:2px;min-width:1px}
            .fill.positive{background:var(--pos)}
            .fill.negative{background:var(--neg)}
            .zero{position:absolute;top:-3px;bottom:-3px;border-left:1px solid var(--ink)}
            svg{width:100%;height:auto;display:block}
            svg .axis{stroke:var(--ink);stroke-width:1}
            svg .tick{font-size:11px;fill:var(--muted)}
            svg .front{fill:var(--pos)}
            svg .behind{fill:#d6e2f0}
            svg .status-failed .front{fill:var(--neg)}
            footer{padding-bottom:24px}
            @media (max-width:600px){.charts{grid-template-columns:1fr}.bar{grid-template-columns:48px minmax(0,110px) 1fr 96px}}
            """;
}
