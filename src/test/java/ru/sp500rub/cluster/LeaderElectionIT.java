package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes on one cluster.dir (file locks are per process): one leader runs the trigger; kill -9 it,
 * another leads within 10 s and only it runs the trigger. Prints the takeover times.
 */
class LeaderElectionIT {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String PERIOD_MS = "250";

    @TempDir
    Path dir;

    @Test
    void afterKill9OfTheLeaderAnotherLeadsWithinTheBoundAndExactlyOneInstanceEverTriggers() throws Exception {
        Path clusterDir = Files.createDirectories(dir.resolve("cluster"));
        List<NodeProcess> nodes = new ArrayList<>();
        List<NodeProcess> all = new ArrayList<>();
        try {
            for (String id : List.of("a", "b", "c")) {
                nodes.add(NodeProcess.start(id, dir.resolve(id + ".log"), TriggerNodeMain.class,
                        clusterDir.toString(), id, "1000", "3", PERIOD_MS));
            }
            all.addAll(nodes);
            NodeProcess leader = awaitSoleLeader(nodes, Duration.ofSeconds(30));
            List<Long> takeovers = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                Thread.sleep(1500); // the leader triggers for a while: nobody else may
                long killedAt = System.currentTimeMillis();
                leader.kill9();
                nodes.remove(leader);
                NodeProcess next = awaitSoleLeader(nodes, BOUND.plusSeconds(5));
                long firstTrigger = Long.parseLong(next.await(e -> e.text().startsWith("TRIGGER ")
                        && Long.parseLong(e.fields()[2]) > killedAt, Duration.ofSeconds(1)).fields()[2]);
                takeovers.add(firstTrigger - killedAt);
                leader = next;
            }
            Thread.sleep(1000);
            System.out.println("takeover after kill -9 (ms, first trigger of the new leader): " + takeovers);
            assertThat(takeovers).allSatisfy(ms -> assertThat(ms).isLessThan(BOUND.toMillis()));
            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).events("TRIGGER")).isNotEmpty();
            assertLeadershipNeverShared(all);
        } finally {
            for (NodeProcess node : all) {
                node.close();
            }
        }
    }

    @Test
    void withTheTriggersOffThereIsNoElectionAndNoTrigger() throws Exception {
        Path clusterDir = Files.createDirectories(dir.resolve("cluster"));
        try (NodeProcess once = NodeProcess.start("once", dir.resolve("once.log"), TriggerNodeMain.class,
                clusterDir.toString(), "once", "1000", "3", PERIOD_MS, "false")) {
            assertThat(once.await(e -> e.text().startsWith("STARTED "), Duration.ofSeconds(20))).isNotNull();
            Thread.sleep(2000);

            assertThat(once.events("TRIGGER")).isEmpty();
            try (var files = Files.list(clusterDir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    /** Each instance's triggers span a time interval; no two intervals overlap, and one instance never triggered. */
    private static void assertLeadershipNeverShared(List<NodeProcess> nodes) {
        List<long[]> spans = new ArrayList<>();
        for (NodeProcess node : nodes) {
            List<Long> times = node.events("TRIGGER").stream().map(e -> Long.parseLong(e.fields()[2])).sorted().toList();
            if (!times.isEmpty()) {
                spans.add(new long[] {times.get(0), times.get(times.size() - 1)});
            }
        }
        spans.sort((x, y) -> Long.compare(x[0], y[0]));
        assertThat(spans).hasSize(3);
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("a leader triggers only after the previous one stopped").isGreaterThan(spans.get(i - 1)[1]);
        }
    }

    /**
     * Waits until exactly one node has triggered since all others last did, and checks that no two nodes'
     * triggers ever interleave: leadership passes, it is never shared.
     */
    private static NodeProcess awaitSoleLeader(List<NodeProcess> nodes, Duration timeout) throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<NodeProcess> triggering = nodes.stream()
                    .filter(n -> n.events("TRIGGER").stream().anyMatch(e -> e.receivedMillis() >= start)).toList();
            if (triggering.size() > 1) {
                throw new AssertionError("two instances triggered at once: " + triggering.stream().map(NodeProcess::name).toList());
            }
            if (triggering.size() == 1) {
                return triggering.get(0);
            }
            Thread.sleep(20);
        }
        StringBuilder tails = new StringBuilder();
        nodes.forEach(n -> tails.append("\n--- ").append(n.name()).append('\n').append(n.outputTail(15)));
        throw new AssertionError("no leader within " + timeout + tails);
    }
}
