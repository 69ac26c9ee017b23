package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.model.IndexEntry;

/** Several instances (CamelContexts) in one JVM on a real embedded Artemis, on a free loopback port. */
class ClusterRoutesIT {

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private final List<ClusterInstance> instances = new ArrayList<>();
    private final Map<URI, List<String>> started = new ConcurrentHashMap<>();
    private final List<String> thrown = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        instances.forEach(ClusterInstance::close);
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void threeInstancesShare500TasksNoneLostNoneCountedTwice() throws Exception {
        BrokerSettings settings = startBroker(3, Duration.ofMillis(200));
        for (String id : List.of("leader", "w1", "w2")) {
            instances.add(instance(id, settings, 4, Duration.ofMillis(5)));
        }
        ClusterInstance leader = instances.get(0);
        RunLedger ledger = leader.ledgers.open("run-500");

        long t0 = System.nanoTime();
        dispatch(leader, "run-500", tasks(500));
        boolean all = ledger.awaitAllAnswered(Duration.ofSeconds(60));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        Map<String, Long> byInstance = started.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.printf("500 tasks over 3 instances x 4 consumers (5 ms each): %d ms, share %s, duplicates %d%n",
                ms, byInstance, ledger.duplicates());
        assertThat(all).isTrue();
        assertThat(ledger.answeredCount()).isEqualTo(500);
        assertThat(ledger.failures()).isEmpty();
        assertThat(ledger.unanswered()).isEmpty();
        assertThat(ledger.answers()).extracting(ClusterResult::pageUrl).doesNotHaveDuplicates();
        assertThat(byInstance).containsOnlyKeys("leader", "w1", "w2").allSatisfy((id, n) -> assertThat(n).isGreaterThan(50));
        assertThat(started.values()).allSatisfy(workers -> assertThat(workers).hasSize(1)); // nobody failed, nothing redone
        assertThat(broker.messageCount(ClusterNames.TASKS)).isZero();
    }

    @Test
    void aPoisonTaskIsTriedMaxDeliveryTimesThenEndsInTheDeadLetterQueueAndIsNamedInItsRun() throws Exception {
        BrokerSettings settings = startBroker(3, Duration.ofMillis(100));
        instances.add(instance("leader", settings, 2, Duration.ofMillis(1)));
        instances.add(instance("w1", settings, 2, Duration.ofMillis(1)));
        ClusterInstance leader = instances.get(0);
        RunLedger ledger = leader.ledgers.open("run-poison");
        List<ClusterTask> tasks = new ArrayList<>(tasks(20));
        URI poison = URI.create("http://127.0.0.1:9/stocks/poison-stock");
        tasks.add(new ClusterTask("run-poison", new IndexEntry("POISON Inc.", poison, Optional.empty())));

        dispatch(leader, "run-poison", tasks);

        assertThat(ledger.awaitAllAnswered(Duration.ofSeconds(30))).isTrue();
        assertThat(ledger.answeredCount()).isEqualTo(21);
        assertThat(ledger.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.url()).isEqualTo(poison.toString());
            assertThat(failure.reason()).isEqualTo("given up after 3 deliveries: IllegalStateException: the sample step cannot read this page");
        });
        assertThat(started.get(poison)).hasSize(3);
        assertThat(broker.messageCount(ClusterNames.DEAD_TASKS)).isZero(); // reported, so taken off the DLQ
    }

    @Test
    void aMessageThatIsNotATaskIsRefusedWithItsReasonAndNeverRetried() throws Exception {
        BrokerSettings settings = startBroker(3, Duration.ofMillis(100));
        ClusterInstance worker = instance("w1", settings, 2, Duration.ofMillis(1));
        instances.add(worker);
        ProducerTemplate producer = worker.producer();

        producer.sendBodyAndHeader("jms:queue:" + ClusterNames.TASKS, "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\","
                + "\"url\":\"http://169.254.169.254/latest/meta-data\",\"name\":\"x\"}", ClusterRoutes.REPLY_TO, "sp500.result.w1");
        producer.sendBodyAndHeader("jms:queue:" + ClusterNames.TASKS, "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\","
                + "\"url\":\"http://127.0.0.1:9/stocks/a\",\"name\":\"x\"}", ClusterRoutes.REPLY_TO, "../../etc/passwd");

        ConsumerTemplate consumer = worker.context.createConsumerTemplate();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Exchange refused = consumer.receive("jms:queue:" + ClusterNames.REJECTED, 10_000);
            assertThat(refused).isNotNull();
            reasons.add(refused.getIn().getHeader(ClusterNames.FAILURE_REASON, String.class));
        }
        assertThat(reasons).containsExactlyInAnyOrder(
                "url is not a page of http://127.0.0.1:9: \"http://169.254.169.254/latest/meta-data\"",
                "no results queue of this cluster in Sp500ReplyTo (\"../../etc/passwd\")");
        assertThat(started).isEmpty();
        assertThat(broker.messageCount(ClusterNames.TASKS)).isZero();
    }

    @Test
    void aBrokerRestartMidRunLosesNothingAndCountsNothingTwice() throws Exception {
        BrokerSettings settings = startBroker(5, Duration.ofMillis(200));
        for (String id : List.of("leader", "w1", "w2")) {
            instances.add(instance(id, settings, 4, Duration.ofMillis(100)));
        }
        ClusterInstance leader = instances.get(0);
        RunLedger ledger = leader.ledgers.open("run-restart");
        Thread dispatcher = new Thread(() -> dispatch(leader, "run-restart", tasks(500)));
        dispatcher.start();
        while (ledger.answeredCount() < 150) {
            Thread.sleep(10);
        }

        long down = System.nanoTime();
        broker.stop();
        int answeredWhileUp = ledger.answeredCount();
        int sentWhileUp = ledger.sentCount();
        Thread.sleep(2000);
        broker.start();
        dispatcher.join(60_000);
        boolean all = ledger.awaitAllAnswered(Duration.ofSeconds(90));
        long ms = (System.nanoTime() - down) / 1_000_000;

        long redone = started.values().stream().filter(w -> w.size() > 1).count();
        System.out.printf("broker restart (2 s down) after %d of 500 answers, %d sent: all answered %s %d ms after the stop;"
                + " %d tasks done again, %d duplicate results dropped, failures %s%n",
                answeredWhileUp, sentWhileUp, all, ms, redone, ledger.duplicates(), ledger.failures());
        assertThat(all).isTrue();
        assertThat(ledger.answeredCount()).isEqualTo(500);
        assertThat(ledger.answers()).extracting(ClusterResult::pageUrl).doesNotHaveDuplicates();
        assertThat(ledger.failures()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------

    private BrokerSettings startBroker(int deliveries, Duration redeliveryDelay) throws Exception {
        BrokerSettings settings = BrokerSettings.embeddedOn("127.0.0.1", freePort(), dir.resolve("broker"))
                .withDelivery(deliveries, redeliveryDelay);
        broker = EmbeddedBrokerIT.started(settings);
        System.out.println("broker start: " + broker.startTime().toMillis() + " ms");
        return settings;
    }

    private ClusterInstance instance(String id, BrokerSettings settings, int concurrency, Duration work) throws Exception {
        return new ClusterInstance(id, settings, concurrency, work, (instance, event) -> {
            if (event.startsWith("START ")) {
                started.computeIfAbsent(URI.create(event.substring(6)), u -> new CopyOnWriteArrayList<>()).add(instance);
            } else if (event.startsWith("THROW ")) {
                thrown.add(event);
            }
        });
    }

    static List<ClusterTask> tasks(int n) {
        return IntStream.range(0, n).mapToObj(i -> new ClusterTask("run", new IndexEntry("Company " + i,
                URI.create("http://127.0.0.1:9/stocks/c" + i + "-stock"), Optional.empty()))).toList();
    }

    static void dispatch(ClusterInstance leader, String runId, List<ClusterTask> tasks) {
        ProducerTemplate producer = leader.producer();
        tasks.forEach(task -> producer.sendBody(ClusterRoutes.DISPATCH, new ClusterTask(runId, task.listed())));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
