package ru.sp500rub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.app.Service;
import ru.sp500rub.app.CommandLine;

/**
 * The full replay with one request in five failing the first time (503, 429 with Retry-After, a reset
 * connection, or a stall longer than the response timeout): every company must still be delivered,
 * each faulted page having been asked for again.
 */
class TransientFaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static Path site;
    private static ReplaySite server;
    private static Path accessLog;

    @BeforeAll
    static void serveTheReplayWithFaults() throws Exception {
        site = ReplaySite.build(work.resolve("site"));
        accessLog = work.resolve("access.log");
        server = ReplaySite.serve(site, "--latency-ms", "10", "--fault-rate", "0.2", "--faults", "503,429,reset,stall",
                "--seed", "7", "--access-log", accessLog.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void transientFaultsAreRetriedAndNoCompanyIsLost() throws Exception {
        Path reports = work.resolve("reports");
        Properties p = new Properties();
        p.setProperty("sp500.index-url", server.indexUrl());
        p.setProperty("cbr.url", server.cbrUrl());
        p.setProperty("reports.dir", reports.toString());
        p.setProperty("http.retry-delay", "50");
        p.setProperty("http.retry-max-delay", "400");
        p.setProperty("http.response-timeout", "2000");

        int exit = Service.run(CommandLine.parse("--once"), p);

        JsonNode summary = JSON.readTree(reports.resolve("run-summary.json").toFile());
        assertThat(summary.get("failures")).as(summary.toString()).isEmpty();
        assertThat(exit).isEqualTo(Service.EXIT_COMPLETE);
        assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(496);

        Map<String, Integer> faults = faultsByKind();
        System.out.println("faults injected by serve.py: " + faults);
        assertThat(faults.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(50);
        assertThat(faults).containsKeys("503", "429", "-1", "stall");
    }

    /** Fault counts from the access log: 503, 429, -1 (reset) and stall (noted when the stall begins). */
    private static Map<String, Integer> faultsByKind() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : Files.readAllLines(accessLog)) {
            String[] fields = line.trim().split("\\s+");
            String status = fields[fields.length - 1];
            if (List.of("503", "429", "-1", "stall").contains(status)) {
                counts.merge(status, 1, Integer::sum);
            }
        }
        return counts;
    }
}
