package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.TopTenRows;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.SiteManifest;

/**
 * {@code --demo --once} end to end (no network, no ../shared), and a recording of it replayed with
 * {@code --replay} giving the very same reports.
 */
class DemoAndRecordingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal DEMO_USD_RUB = new BigDecimal("74.2926");
    private static final List<String> REPORTS = List.of("top10-price-rub.json", "top10-lowest-pe.json",
            "top10-growth.json", "top10-potential-profit.json");

    @TempDir
    Path work;

    @Test
    void theDemoWritesTheReportsTheFactsCallFor() throws Exception {
        Path reports = work.resolve("demo-reports");

        int exit = Service.run(CommandLine.parse("--demo", "--once"), settings(reports));

        assertThat(exit).isEqualTo(Service.EXIT_COMPLETE);
        Map<String, List<String>> expected = expectedFromFacts(DemoSite.facts());
        for (String report : REPORTS) {
            assertThat(TopTenRows.read(reports.resolve(report))).as(report).isEqualTo(expected.get(report));
        }
        JsonNode summary = JSON.readTree(reports.resolve("run-summary.json").toFile());
        assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(DemoSite.facts().size());
        assertThat(summary.get("indexPages").asInt()).isEqualTo(11);
        assertThat(summary.get("rate").get("usdRub").decimalValue()).isEqualByComparingTo(DEMO_USD_RUB);
    }

    @Test
    void aRecordedRunReplaysToIdenticalReports() throws Exception {
        Path recording = work.resolve("recording");
        Path live = work.resolve("recorded-run");
        Path replayed = work.resolve("replayed-run");

        assertThat(Service.run(CommandLine.parse("--demo", "--once", "--record", recording.toString()), settings(live)))
                .isEqualTo(Service.EXIT_COMPLETE);
        List<SiteManifest.Route> routes = SiteManifest.read(recording).routes();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(11 + 496 + 1);

        assertThat(Service.run(CommandLine.parse("--replay", recording.toString(), "--once"), settings(replayed)))
                .isEqualTo(Service.EXIT_COMPLETE);

        for (String report : REPORTS) {
            assertThat(Files.readAllBytes(replayed.resolve(report))).as(report)
                    .isEqualTo(Files.readAllBytes(live.resolve(report)));
        }
    }

    private static Properties settings(Path reports) {
        Properties p = new Properties();
        p.setProperty("reports.dir", reports.toString());
        return p;
    }

    /** The four reports worked out from the facts file directly, as "CODE=value" rows. */
    private static Map<String, List<String>> expectedFromFacts(List<CompanyFacts> facts) {
        return Map.of(
                "top10-price-rub.json", TopTenRows.expected(facts, CompanyFacts::code, f -> f.priceUsd().multiply(DEMO_USD_RUB), true),
                "top10-lowest-pe.json", TopTenRows.expected(facts, CompanyFacts::code, f -> f.peRatio().filter(pe -> pe.signum() > 0).orElse(null), false),
                "top10-growth.json", TopTenRows.expected(facts, CompanyFacts::code, CompanyFacts::growthPercent, true),
                "top10-potential-profit.json", TopTenRows.expected(facts, CompanyFacts::code, f -> f.yearRange().map(r -> r.high().subtract(r.low())
                        .multiply(BigDecimal.valueOf(100)).divide(r.low(), MathContext.DECIMAL64)).orElse(null), true));
    }
}
