package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a worker process in the middle of a run: the tasks it held go back to the others (its
 * transactions die with its connection), nothing is lost and no page is counted twice.
 */
class WorkerKillIT {

    @TempDir
    Path dir;

    @Test
    void aWorkerKilledMidRunLosesNothingAndNoCompanyIsCountedTwice() throws Exception {
        BrokerSettings settings = BrokerSettings.embeddedOn("127.0.0.1", ClusterRoutesIT.freePort(), dir.resolve("broker"))
                .withDelivery(3, Duration.ofMillis(200));
        try (EmbeddedBroker broker = EmbeddedBrokerIT.started(settings);
             ClusterInstance leader = new ClusterInstance("leader", settings, 2, Duration.ofMillis(100), (id, event) -> { });
             NodeProcess doomed = worker("doomed", settings);
             NodeProcess survivor = worker("survivor", settings)) {
            assertThat(doomed.await(e -> e.text().startsWith("STARTED"), Duration.ofSeconds(30))).isNotNull();
            assertThat(survivor.await(e -> e.text().startsWith("STARTED"), Duration.ofSeconds(30))).isNotNull();
            RunLedger ledger = leader.ledgers.open("run-kill");
            Thread dispatcher = new Thread(() -> ClusterRoutesIT.dispatch(leader, "run-kill", ClusterRoutesIT.tasks(500)));
            dispatcher.start();

            assertThat(doomed.await(e -> e.text().startsWith("DONE") && doomed.events("DONE").size() >= 30,
                    Duration.ofSeconds(30))).isNotNull();
            doomed.kill9();
            int answeredAtKill = ledger.answeredCount();
            Set<String> inFlight = new HashSet<>(doomed.events("START").stream().map(e -> e.fields()[1]).toList());
            inFlight.removeAll(doomed.events("DONE").stream().map(e -> e.fields()[1]).toList());
            long killedAt = System.nanoTime();

            dispatcher.join(60_000);
            boolean all = ledger.awaitAllAnswered(Duration.ofSeconds(60));

            List<String> redone = survivor.events("START").stream().map(e -> e.fields()[1]).filter(inFlight::contains).toList();
            System.out.printf("worker killed after %d answers with %d tasks in hand: all 500 answered %s, %d ms after the kill;"
                    + " its tasks redone by the survivor %d, duplicates dropped %d, failures %d%n",
                    answeredAtKill, inFlight.size(), all, (System.nanoTime() - killedAt) / 1_000_000,
                    redone.size(), ledger.duplicates(), ledger.failures().size());
            assertThat(all).isTrue();
            assertThat(ledger.answeredCount()).isEqualTo(500);
            assertThat(ledger.failures()).isEmpty();
            assertThat(ledger.answers()).extracting(ClusterResult::pageUrl).doesNotHaveDuplicates();
            assertThat(inFlight).isNotEmpty();
            // what the killed worker held was done again elsewhere (by the survivor or the leader's own consumers)
            assertThat(ledger.answers()).extracting(r -> r.pageUrl().toString()).containsAll(inFlight);
            assertThat(broker.messageCount(ClusterNames.TASKS)).isZero();
        }
    }

    private NodeProcess worker(String id, BrokerSettings settings) throws Exception {
        URI url = settings.connectUrl();
        return NodeProcess.start(id, dir.resolve(id + ".log"), WorkerNodeMain.class, url.toString(), id, "4", "100", "3");
    }
}
