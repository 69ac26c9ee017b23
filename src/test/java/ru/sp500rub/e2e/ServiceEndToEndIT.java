package ru.sp500rub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.TopTenRows;
import ru.sp500rub.app.Service;
import ru.sp500rub.app.CommandLine;

/**
 * The whole service, once, against the full replay of the site (496 companies, 11 index pages) served
 * by the replay's own Python server on 127.0.0.1, checked against an answer computed without the
 * service's code.
 */
class ServiceEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static Path site;
    private static ReplaySite server;

    @BeforeAll
    static void serveTheReplay() throws Exception {
        site = ReplaySite.build(work.resolve("site"));
        server = ReplaySite.serve(site, "--latency-ms", "20");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneRunWritesTheFourReportsAndACleanSummary() throws Exception {
        Path reports = work.resolve("reports");

        int exit = Service.run(CommandLine.parse("--once"), overrides(reports));

        assertThat(exit).isEqualTo(Service.EXIT_COMPLETE);
        Map<String, List<String>> expected = IndependentAnswer.compute(site);
        assertThat(expected.get("companies")).containsExactly("496");
        for (var report : List.of("top10-price-rub.json", "top10-lowest-pe.json", "top10-growth.json", "top10-potential-profit.json")) {
            assertThat(TopTenRows.read(reports.resolve(report))).as(report).hasSize(10).isEqualTo(expected.get(report));
        }
        JsonNode summary = JSON.readTree(reports.resolve("run-summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("complete");
        assertThat(summary.get("indexPages").asInt()).isEqualTo(11);
        assertThat(summary.get("companiesListed").asInt()).isEqualTo(496);
        assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(496);
        assertThat(summary.get("failures")).isEmpty();
        assertThat(summary.get("rate").get("usdRub").decimalValue()).isEqualByComparingTo("74.2926");
        assertThat(summary.get("rate").get("date").asText()).isEqualTo("2021-12-31");
        assertThat(summary.get("rate").get("source").asText()).isEqualTo(server.cbrUrl());
    }

    @Test
    void aRunRecordedAgainstTheReplayReplaysToIdenticalReports() throws Exception {
        Path recording = work.resolve("recording");
        Path recorded = work.resolve("recorded-run");
        Path replayed = work.resolve("replayed-run");

        assertThat(Service.run(CommandLine.parse("--once", "--record", recording.toString()), overrides(recorded)))
                .isEqualTo(Service.EXIT_COMPLETE);
        Properties replaySettings = new Properties();
        replaySettings.setProperty("reports.dir", replayed.toString());
        assertThat(Service.run(CommandLine.parse("--replay", recording.toString(), "--once"), replaySettings))
                .isEqualTo(Service.EXIT_COMPLETE);

        for (var report : List.of("top10-price-rub.json", "top10-lowest-pe.json", "top10-growth.json", "top10-potential-profit.json")) {
            assertThat(Files.readAllBytes(replayed.resolve(report))).as(report).isEqualTo(Files.readAllBytes(recorded.resolve(report)));
        }
        assertThat(JSON.readTree(replayed.resolve("run-summary.json").toFile()).get("companiesDelivered").asInt()).isEqualTo(496);
    }

    private Properties overrides(Path reports) {
        Properties p = new Properties();
        p.setProperty("sp500.index-url", server.indexUrl());
        p.setProperty("cbr.url", server.cbrUrl());
        p.setProperty("reports.dir", reports.toString());
        return p;
    }
}
