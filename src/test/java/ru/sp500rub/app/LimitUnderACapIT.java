package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.fetch.SiteLimitStore;
import ru.sp500rub.replay.DemoSite;

/**
 * The learned limit through the whole service ({@code --once} in this JVM) against a site that caps
 * what it takes at once and says nothing of the cap but 429 (see {@link CappedSite}).
 */
class LimitUnderACapIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    /**
     * A server that answers 429 (Retry-After: 1) to any request that arrives while more than 4 are in
     * flight; the service starts at 8 and may grow to 32, and nothing tells it the cap. It loses no
     * company; once it has learned, the server never sees more than a request or two over the cap, and
     * the limit it ends with (and keeps for the next run) is under the cap. The next run starts there:
     * near the cap from its first request, with few 429s.
     */
    @Test
    void theLimitSettlesUnderAServersCapLosesNothingAndTheNextRunStartsThere() throws Exception {
        int cap = 4;
        int companies = 120;
        try (CappedSite site = new CappedSite(DemoSite.facts().subList(0, companies), cap, Duration.ofMillis(50), Optional.of("1"))) {
            Properties settings = settings(site);

            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);

            JsonNode summary = summary();
            List<Integer> first = site.inFlightOnArrival();
            List<Integer> learned = first.subList(first.size() / 3, first.size());
            int rejectedFirst = site.rejected();
            String kept = java.nio.file.Files.readString(reports.resolve(SiteLimitStore.FILE_NAME)).strip();
            System.out.printf("cap %d, first run: %d requests, %d answered 429, peak in flight %d, after the first third %d;"
                            + " limit at the end %d, kept \"%s\"%n", cap, first.size(), rejectedFirst, max(first), max(learned),
                    summary.get("fetching").get("concurrencyLimit").asInt(), kept);
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(companies);
            assertThat(summary.get("failures")).isEmpty();
            // a limit that learned nothing (8, growing to 32 on every success) would keep 8 or more in flight
            assertThat(max(learned)).as("peak in flight at the server once the limit has learned").isLessThanOrEqualTo(cap + 2);
            assertThat(summary.get("fetching").get("concurrencyLimit").asInt()).as("the limit at the end of the run")
                    .isBetween(1, cap);

            assertThat(Service.run(CommandLine.parse("--once"), settings)).isEqualTo(Service.EXIT_COMPLETE);

            List<Integer> second = site.inFlightOnArrival().subList(first.size(), site.inFlightOnArrival().size());
            int rejectedSecond = site.rejected() - rejectedFirst;
            System.out.printf("second run: %d requests, %d answered 429, peak in flight %d, limit at the end %d%n", second.size(),
                    rejectedSecond, max(second), summary().get("fetching").get("concurrencyLimit").asInt());
            assertThat(summary().get("companiesDelivered").asInt()).isEqualTo(companies);
            assertThat(max(second)).as("peak in flight over the whole second run").isLessThanOrEqualTo(cap + 2);
            assertThat(rejectedSecond).as("429s of the second run, of " + second.size() + " requests").isLessThanOrEqualTo(second.size() / 10);
        }
    }

    private Properties settings(CappedSite site) {
        Properties p = new Properties();
        p.setProperty("sp500.index-url", site.url(DemoSite.INDEX_PATH));
        p.setProperty("cbr.url", site.url(DemoSite.CBR_PATH));
        p.setProperty("reports.dir", reports.toString());
        p.setProperty("http.response-timeout", "10s");
        p.setProperty("cbr.await-timeout", "10s");
        p.setProperty("startup.warm-up", "false");
        return p;
    }

    private static int max(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(reports.resolve("run-summary.json").toFile());
    }
}
