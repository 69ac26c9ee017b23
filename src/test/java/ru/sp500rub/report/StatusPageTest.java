package ru.sp500rub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.sp500rub.RunSamples.T0;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import ru.sp500rub.RunSamples;
import ru.sp500rub.model.PageFailure;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.report.RunChanges.ListChange;
import ru.sp500rub.report.RunChanges.RateChange;
import ru.sp500rub.report.StatusView.Mode;

class StatusPageTest {

    private static final UsdRubRate RATE = RunSamples.rate("74.2926", "2026-03-01");
    private static final RunRecord GOOD = RunRecord.of(RunSamples.good("r1", T0, Duration.ofMillis(2140), RATE, RunSamples.lists("A")));
    private static final Map<Report, List<ReportRow>> LISTS = RunSamples.lists("A");

    @Test
    void showsFortyBarsWithTheirNamesAndTheReportsRoundedFigures() {
        Document page = render(view(Mode.SERVED, Optional.of(GOOD), published(GOOD, LISTS), Optional.empty(), List.of(GOOD)));

        assertThat(page.select("li.bar")).hasSize(40);
        for (Report report : Report.values()) {
            Elements bars = page.select("#chart-" + report.slug() + " li.bar");
            assertThat(bars).hasSize(10);
            for (int i = 0; i < 10; i++) {
                ReportRow row = LISTS.get(report).get(i);
                Element bar = bars.get(i);
                assertThat(bar.selectFirst(".name").text()).isEqualTo(row.name());
                assertThat(bar.selectFirst(".code").text()).isEqualTo(row.code());
                assertThat(bar.attr("data-value")).isEqualTo(ReportJson.money(row.value()).toPlainString());
            }
        }
        Elements prices = page.select("#chart-price-rub li.bar .value");
        assertThat(prices.get(0).text()).isEqualTo("100,000.01 \u20bd"); // 100000.005 rounds half-up
        assertThat(page.select("#chart-lowest-pe li.bar .value").get(0).text()).isEqualTo("5.13");
        assertThat(page.select("#chart-growth li.bar .value").eachText()).startsWith("+45.50 %").endsWith("-44.50 %");
    }

    @Test
    void negativeGrowthIsABarToTheLeftOfTheZeroLineOnTheSameScale() {
        Document page = render(view(Mode.SERVED, Optional.of(GOOD), published(GOOD, LISTS), Optional.empty(), List.of()));

        Elements bars = page.select("#chart-growth li.bar");
        double zero = percent(bars.get(0).selectFirst(".zero").attr("style"), "left");
        // growth runs +45.5 .. -44.5: the zero line sits where the negative part of the span begins
        assertThat(zero).isCloseTo(100 * 44.5 / 90.0, org.assertj.core.data.Offset.offset(0.01));
        for (Element bar : bars) {
            Element fill = bar.selectFirst(".fill");
            double left = percent(fill.attr("style"), "left");
            double width = percent(fill.attr("style"), "width");
            double value = Double.parseDouble(bar.attr("data-value"));
            assertThat(width).isCloseTo(100 * Math.abs(value) / 90.0, org.assertj.core.data.Offset.offset(0.02));
            if (value < 0) {
                assertThat(fill.hasClass("negative")).isTrue();
                assertThat(left + width).isCloseTo(zero, org.assertj.core.data.Offset.offset(0.02));
            } else {
                assertThat(fill.hasClass("positive")).isTrue();
                assertThat(left).isCloseTo(zero, org.assertj.core.data.Offset.offset(0.01));
            }
        }
        // an all-positive list has no zero line and starts every bar at the left
        assertThat(page.select("#chart-price-rub .zero")).isEmpty();
        assertThat(page.select("#chart-price-rub .fill").get(0).attr("style")).startsWith("left:0.00%;width:100.00%");
    }

    @Test
    void everythingFromOutsideIsEscaped() {
        String name = "<script>alert('x')</script> & \"Sons\"";
        String code = "<b>X";
        Map<Report, List<ReportRow>> lists = RunSamples.replacing(LISTS, Report.PRICE_RUB, 0,
                new ReportRow(code, name, new BigDecimal("123456")));
        PageFailure failure = new PageFailure("http://127.0.0.1/stocks/x\"><img src=x onerror=alert(1)>",
                "HTTP 500 <i>boom</i>\nsecond line");
        RunRecord partial = RunRecord.of(RunSamples.partial("r2", T0, Duration.ofSeconds(3), RATE, LISTS, failure));

        byte[] bytes = StatusPage.render(view(Mode.SERVED, Optional.of(partial), published(partial, lists),
                Optional.empty(), List.of(partial)));
        Document page = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8));

        assertThat(page.select("script, img, b, i")).isEmpty();
        Element first = page.selectFirst("#chart-price-rub li.bar");
        assertThat(first.selectFirst(".name").text()).isEqualTo(name);
        assertThat(first.selectFirst(".name").attr("title")).isEqualTo(name);
        assertThat(first.attr("data-code")).isEqualTo(code);
        assertThat(page.selectFirst("table.failures td.url").text()).isEqualTo(failure.url());
        assertThat(page.selectFirst("table.failures td:eq(1)").text()).isEqualTo("HTTP 500 <i>boom</i> second line");
    }

    @Test
    void isSelfContainedAndFetchesNothing() {
        PageFailure failure = new PageFailure("https://markets.example/stocks/abc", "HTTP 404");
        RunRecord partial = RunRecord.of(RunSamples.partial("r2", T0, Duration.ofSeconds(3), RATE, LISTS, failure));
        for (Mode mode : Mode.values()) {
            String html = new String(StatusPage.render(view(mode, Optional.of(partial), published(partial, LISTS),
                    Optional.empty(), List.of(GOOD, partial))), StandardCharsets.UTF_8);
            Document page = Jsoup.parse(html);

            assertThat(page.select("script, link, img, iframe, object, embed, [src]")).isEmpty();
            assertThat(html).doesNotContain("url(").doesNotContain("@import");
            assertThat(page.select("a[href]").eachAttr("href")).allSatisfy(href -> assertThat(href).doesNotContain(":"));
            assertThat(page.select("style")).hasSize(1);
            assertThat(page.select("svg")).hasSize(2);
        }
    }

    @Test
    void theServedPageLinksToHealthAndMetricsTheFileToTheReportsBesideIt() {
        Optional<PublishedRun> published = published(GOOD, LISTS);
        Document served = render(view(Mode.SERVED, Optional.of(GOOD), published, Optional.empty(), List.of()));
        Document file = render(view(Mode.FILE, Optional.of(GOOD), published, Optional.empty(), List.of()));

        assertThat(served.select("footer a").eachAttr("href")).containsExactly("health", "health/ready", "health/live", "metrics");
        assertThat(file.select("footer a").eachAttr("href")).containsExactly("top10-price-rub.json", "top10-lowest-pe.json",
                "top10-growth.json", "top10-potential-profit.json", "run-summary.json");
    }

    @Test
    void aFailedLastRunSaysWhyAndThatTheReportsAreTheLastGoodRunsStill() {
        RunRecord failed = RunRecord.of(RunSamples.failed("r2", T0.plusSeconds(3600), Duration.ofSeconds(1),
                "HTTP 503 Service Unavailable from http://127.0.0.1/index"));
        Document page = render(view(Mode.SERVED, Optional.of(failed), published(GOOD, LISTS), Optional.empty(),
                List.of(GOOD, failed)));

        assertThat(page.selectFirst("#last-run .status").text()).isEqualTo("failed");
        assertThat(page.selectFirst("#last-run .error").text()).contains("HTTP 503 Service Unavailable");
        assertThat(page.selectFirst("#last-run").text()).contains("still those of the last good run, 2026-03-02 09:00:02 UTC");
        assertThat(page.select("li.bar")).hasSize(40);
        assertThat(page.selectFirst("#rate .rate").text()).isEqualTo("74.2926");
        assertThat(page.selectFirst("#rate .rate-date").text()).isEqualTo("2026-03-01");
        assertThat(page.select("#history-duration g.run")).hasSize(2);
        assertThat(page.select("#history-duration g.run").get(1).hasClass("status-failed")).isTrue();
    }

    @Test
    void theLastRunShowsWhenHowLongAndItsCompanies() {
        RunRecord partial = RunRecord.of(RunSamples.partial("r2", T0, Duration.ofMillis(65_400), RATE, LISTS,
                new PageFailure("http://127.0.0.1/a", "HTTP 500"), new PageFailure("http://127.0.0.1/b", "timeout")));
        Document page = render(view(Mode.SERVED, Optional.of(partial), published(partial, LISTS), Optional.empty(), List.of()));

        assertThat(page.select("#last-run dd").eachText())
                .containsExactly("2026-03-02 09:00:00 UTC", "1 min 05 s", "496 listed, 494 delivered, 2 failed");
        assertThat(page.selectFirst("#last-run .status").hasClass("status-partial")).isTrue();
        assertThat(page.select("table.failures tbody tr")).hasSize(2);
        assertThat(page.selectFirst("#last-run").text()).doesNotContain("still those");
    }

    @Test
    void listsAtMostAHundredFailuresAndCountsTheRest() {
        PageFailure[] failures = IntStream.range(0, 130)
                .mapToObj(i -> new PageFailure("http://127.0.0.1/stocks/" + i, "HTTP 500")).toArray(PageFailure[]::new);
        RunRecord partial = RunRecord.of(RunSamples.partial("r2", T0, Duration.ofSeconds(3), RATE, LISTS, failures));
        Document page = render(view(Mode.SERVED, Optional.of(partial), published(partial, LISTS), Optional.empty(), List.of()));

        assertThat(page.select("table.failures tbody tr")).hasSize(StatusPage.MAX_FAILURES_SHOWN);
        assertThat(page.selectFirst("table.failures caption").text()).isEqualTo("130 pages not delivered");
        assertThat(page.selectFirst("#last-run").text()).contains("and 30 more, all named in run-summary.json");
    }

    @Test
    void showsWhatEnteredAndLeftEachTopTenAndTheRateChange() {
        ReportRow newcomer = new ReportRow("NEW", "Newcomer Inc.", new BigDecimal("150000"));
        ReportRow leaver = LISTS.get(Report.PRICE_RUB).get(9);
        RunChanges changes = new RunChanges(T0.minusSeconds(3600),
                Map.of(Report.PRICE_RUB, new ListChange(List.of(newcomer), List.of(leaver))),
                Optional.of(new RateChange(RunSamples.rate("74.1000", "2026-02-28"), RATE)));
        Document page = render(view(Mode.SERVED, Optional.of(GOOD), published(GOOD, LISTS), Optional.of(changes), List.of()));

        Element price = page.selectFirst("#changes tr[data-report=price-rub]");
        assertThat(price.selectFirst(".entered").text()).isEqualTo("Newcomer Inc. NEW");
        assertThat(price.selectFirst(".left").text()).isEqualTo(leaver.name() + " " + leaver.code());
        assertThat(page.selectFirst("#changes tr[data-report=growth] .entered").text()).isEqualTo("none");
        assertThat(page.selectFirst("#changes .rate-change").text())
                .isEqualTo("USD/RUB 74.1000 (2026-02-28) \u2192 74.2926 (2026-03-01): +0.1926");
        assertThat(page.selectFirst("#changes").text()).contains("2026-03-02 08:00:00 UTC");
    }

    @Test
    void beforeAnyRunItSaysSo() {
        Document page = render(view(Mode.SERVED, Optional.empty(), Optional.empty(), Optional.empty(), List.of()));

        assertThat(page.selectFirst("#last-run").text()).contains("No run has finished yet.");
        assertThat(page.selectFirst("#reports").text()).contains("No published reports yet.");
        assertThat(page.selectFirst("#changes").text()).contains("No earlier good run to compare with.");
        assertThat(page.select("li.bar, svg")).isEmpty();
    }

    @Test
    void historyDrawsOneBarPerRunScaledToTheLongest() {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(RunRecord.of(RunSamples.good("r" + i, T0.plusSeconds(3600L * i), Duration.ofSeconds(2 + 2L * i), RATE, LISTS)));
        }
        Document page = render(view(Mode.SERVED, Optional.of(runs.get(4)), published(runs.get(4), LISTS), Optional.empty(), runs));

        Elements bars = page.select("#history-duration g.run rect.front");
        assertThat(bars).hasSize(5);
        assertThat(Double.parseDouble(bars.get(4).attr("height"))).isEqualTo(110.0);
        assertThat(Double.parseDouble(bars.get(0).attr("height"))).isEqualTo(22.0); // 2 s of 10 s
        assertThat(page.select("#history-duration g.run title").get(0).text()).contains("2026-03-02 09:00:00 UTC: complete, 2.0 s");
        assertThat(page.select("#history-delivered g.run")).hasSize(5);
    }

    private static Document render(StatusView view) {
        return Jsoup.parse(new String(StatusPage.render(view), StandardCharsets.UTF_8));
    }

    private static StatusView view(Mode mode, Optional<RunRecord> last, Optional<PublishedRun> published,
                                   Optional<RunChanges> changes, List<RunRecord> history) {
        return new StatusView(mode, T0.plusSeconds(7200), last, published, changes, history);
    }

    private static Optional<PublishedRun> published(RunRecord run, Map<Report, List<ReportRow>> lists) {
        return Optional.of(new PublishedRun(run, lists));
    }

    /** The value of a percentage in an inline style: "left:12.50%;width:3.00%" -> 12.5 for "left". */
    private static double percent(String style, String property) {
        for (String declaration : style.split(";")) {
            String[] parts = declaration.split(":");
            if (parts[0].trim().equals(property)) {
                return Double.parseDouble(parts[1].trim().replace("%", ""));
            }
        }
        throw new AssertionError(property + " not in " + style);
    }
}
