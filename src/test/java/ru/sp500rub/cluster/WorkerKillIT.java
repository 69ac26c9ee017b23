package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a worker process in the middle of a distributed run: the tasks it held go back to the
 * others (its connection dies, its transactions with it), no company is lost, none is counted twice.
 * The leader runs in this JVM with the embedded broker; the two workers are processes of the packaged jar.
 */
class WorkerKillIT {

    @TempDir
    Path work;

    @Test
    void aWorkerKilledMidRunLosesNothingAndNoCompanyIsCountedTwice() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 496, Duration.ofMillis(100))) {
            Main leader = rig.inThisJvm(rig.settings("leader", true));
            Process doomed = rig.process("w1", rig.settings("w1", false));
            rig.process("w2", rig.settings("w2", false));
            ClusterRig.awaitConsumers(leader, 36); // 3 instances x 12 (1.5 x scrape.concurrency 8)
            String doomedAddress = ClusterRig.address("w1");

            CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> ClusterRig.run(leader));
            ClusterRig.await(Duration.ofSeconds(60), () -> rig.requestsByClient().getOrDefault(doomedAddress, 0L) >= 40,
                    "the doomed worker at work");
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, nothing acknowledged or rolled back by it
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            long doneByDoomed = rig.requestsByClient().getOrDefault(doomedAddress, 0L);

            Exchange done = running.get(120, TimeUnit.SECONDS);

            assertThat(done.getException()).isNull();
            JsonNode summary = ClusterRig.json(work.resolve("leader").resolve("reports").resolve("run-summary.json"));
            List<String[]> requests = rig.companyRequests();
            Map<String, Set<String>> clientsByPage = requests.stream().collect(Collectors.groupingBy(r -> r[0],
                    Collectors.mapping(r -> r[1], Collectors.toSet())));
            long redone = clientsByPage.values().stream().filter(clients -> clients.contains(doomedAddress) && clients.size() > 1)
                    .count();
            System.out.printf("worker killed after %d of its company pages: run %s %d ms after the kill, %d delivered, %d failed;"
                            + " %d of its pages done again elsewhere, %d requests for %d pages; by client %s%n",
                    doneByDoomed, summary.get("status").asText(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt),
                    summary.get("companiesDelivered").asInt(), summary.get("failures").size(), redone, requests.size(),
                    clientsByPage.size(), rig.requestsByClient());
            assertThat(summary.get("status").asText()).isEqualTo("complete");
            assertThat(summary.get("companiesListed").asInt()).isEqualTo(496);
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(496); // none lost, none counted twice
            assertThat(summary.get("failures")).isEmpty();
            assertThat(redone).as("tasks the killed worker held, done again by another instance").isPositive();
            assertThat(clientsByPage).hasSize(496);
        }
    }
}
