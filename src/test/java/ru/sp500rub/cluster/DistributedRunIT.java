package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.app.Service;
import ru.sp500rub.model.CompanyTask;
import ru.sp500rub.route.Keys;

/**
 * A distributed run of the real service: three instances in this JVM (each its own Camel Main, its own
 * client address), one of them with the embedded broker, against the demo site (496 companies).
 */
class DistributedRunIT {

    @TempDir
    Path work;

    @Test
    void threeInstancesPublishTheSameReportsAsOneAndShareTheCompanies() throws Exception {
        String missing = ru.sp500rub.replay.DemoSite.facts().get(11).pagePath();
        try (ClusterRig rig = new ClusterRig(work, 496, Duration.ofMillis(20), missing)) {
            Path single = work.resolve("single").resolve("reports");
            Properties local = new Properties();
            local.putAll(rig.settings("single", false, "scrape.mode", "local", "broker.url", ""));
            Main alone = Service.createMain(local);
            alone.start();
            try {
                assertThat(ClusterRig.run(alone).getException()).isNull();
            } finally {
                alone.stop();
            }
            int singleRequests = rig.companyRequests().size();

            Main leader = rig.inThisJvm(rig.settings("leader", true));
            rig.inThisJvm(rig.settings("w1", false));
            rig.inThisJvm(rig.settings("w2", false));
            ClusterRig.awaitConsumers(leader, 36); // 3 instances x 12 (1.5 x scrape.concurrency 8)

            Exchange done = ClusterRig.run(leader);

            assertThat(done.getException()).isNull();
            Path reports = work.resolve("leader").resolve("reports");
            for (String report : ClusterRig.REPORTS) {
                assertThat(Files.readString(reports.resolve(report))).as(report).isEqualTo(Files.readString(single.resolve(report)));
            }
            JsonNode summary = ClusterRig.json(reports.resolve("run-summary.json"));
            JsonNode single1 = ClusterRig.json(single.resolve("run-summary.json"));
            assertThat(summary.get("status").asText()).isEqualTo("partial");
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(495);
            // a page that fails on a worker is a failure result like any other, named by URL with its reason
            assertThat(summary.get("failures")).isEqualTo(single1.get("failures"));
            assertThat(summary.get("failures")).singleElement().satisfies(f -> assertThat(f.get("reason").asText())
                    .isEqualTo("HTTP 404 Not Found"));
            List<String[]> requests = rig.companyRequests().subList(singleRequests, rig.companyRequests().size());
            Map<String, Long> byClient = requests.stream().collect(Collectors.groupingBy(r -> r[1], java.util.TreeMap::new,
                    Collectors.counting()));
            System.out.println("company pages by client address (leader, w1, w2): " + byClient);
            assertThat(byClient).containsOnlyKeys("127.0.0.2", "127.0.0.3", "127.0.0.4")
                    .allSatisfy((client, n) -> assertThat(n).isGreaterThan(20));
            assertThat(requests).hasSize(496); // each company asked for once (a 404 is not retried)
        }
    }

    /** scrape.max-requests-per-second holds for the cluster: the leader releases the tasks at that rate. */
    @Test
    void thePolitenessLimitIsForTheWholeClusterNotForEachInstance() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 80, Duration.ZERO)) {
            String limit = "20";
            Main leader = rig.inThisJvm(rig.settings("leader", true, "scrape.max-requests-per-second", limit));
            rig.inThisJvm(rig.settings("w1", false, "scrape.max-requests-per-second", limit));
            rig.inThisJvm(rig.settings("w2", false, "scrape.max-requests-per-second", limit));
            ClusterRig.awaitConsumers(leader, 36);

            assertThat(ClusterRig.run(leader).getException()).isNull();

            List<String[]> requests = rig.companyRequests();
            List<Double> starts = java.nio.file.Files.readAllLines(rig.accessLog).stream().map(l -> l.split("\t"))
                    .filter(c -> c[2].startsWith("/stocks/")).map(c -> Double.parseDouble(c[0])).sorted().toList();
            double span = starts.get(starts.size() - 1) - starts.get(0);
            System.out.printf("80 company pages at a limit of 20/s over 3 instances: %.2f s, by client %s%n", span,
                    rig.requestsByClient());
            assertThat(requests).hasSize(80);
            assertThat(rig.requestsByClient()).hasSize(3);
            // 80 pages at 20 a second: released in 4 one-second windows, the last 3 s after the first; were the
            // limit each instance's, 60 a second over 3 instances would release them within about 1 s
            assertThat(span).isGreaterThan(2.5);
        }
    }

    /** A task that fails on every instance, every time: three deliveries, then the dead-letter queue. */
    @Test
    void aPoisonTaskEndsInTheDeadLetterQueueWithItsReasonAndIsNamedInTheSummary() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 60, Duration.ofMillis(10))) {
            List<Main> instances = List.of(rig.inThisJvm(rig.settings("leader", true)), rig.inThisJvm(rig.settings("w1", false)),
                    rig.inThisJvm(rig.settings("w2", false)));
            Main leader = instances.get(0);
            String poison = ru.sp500rub.replay.DemoSite.facts().get(7).pagePath();
            AtomicInteger deliveries = new AtomicInteger();
            for (Main instance : instances) {
                AdviceWith.adviceWith(instance.getCamelContext(), "company-task", route -> route.weaveById("task-from-wire").after()
                        .process(exchange -> {
                            if (exchange.getProperty(Keys.TASK, CompanyTask.class).listed().pageUrl().getPath().equals(poison)) {
                                deliveries.incrementAndGet();
                                throw new IllegalStateException("this task cannot be worked on");
                            }
                        }));
            }
            ClusterRig.awaitConsumers(leader, 36); // 3 instances x 12 (1.5 x scrape.concurrency 8)

            Exchange done = ClusterRig.run(leader);

            assertThat(done.getException()).isNull();
            JsonNode summary = ClusterRig.json(work.resolve("leader").resolve("reports").resolve("run-summary.json"));
            assertThat(summary.get("status").asText()).isEqualTo("partial");
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(59);
            assertThat(summary.get("failures")).singleElement().satisfies(failure -> {
                assertThat(failure.get("url").asText()).endsWith(poison);
                assertThat(failure.get("reason").asText()).isEqualTo("given up after 3 deliveries (kept on sp500.company.dlq):"
                        + " IllegalStateException: this task cannot be worked on");
            });
            assertThat(deliveries).hasValue(3);
            ConsumerTemplate dlq = leader.getCamelContext().createConsumerTemplate();
            Exchange dead = dlq.receive("jms:queue:" + ClusterNames.DEAD_TASKS, 10_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getMessage().getHeader(ClusterNames.FAILURE_REASON, String.class))
                    .isEqualTo("IllegalStateException: this task cannot be worked on");
            assertThat(dead.getMessage().getBody(String.class)).contains("\"kind\":\"task\"").contains(poison);
            assertThat(dlq.receive("jms:queue:" + ClusterNames.DEAD_TASKS, 500)).isNull();
        }
    }

    /**
     * A task on which every worker died is moved to the dead-letter queue by the broker itself, without a
     * reason: its run is told, and it is kept again with the reason. Here the broker's move is made by
     * hand (a worker cannot die three times in one JVM): the worker route is stopped, a task taken off
     * the queue and put on the dead-letter queue as the broker would, then the worker route started.
     */
    @Test
    void aTaskTheBrokerDeadLetteredItselfIsNamedInItsRunsSummaryAndKeptWithTheReason() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 20, Duration.ZERO)) {
            Main leader = rig.inThisJvm(rig.settings("leader", true));
            leader.getCamelContext().getRouteController().stopRoute("company-task");
            CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> ClusterRig.run(leader));
            ClusterRig.await(Duration.ofSeconds(30), () -> ClusterRig.broker(leader).messageCount(ClusterNames.TASKS) == 20,
                    "the run's tasks queued");
            ConsumerTemplate consumer = leader.getCamelContext().createConsumerTemplate();
            Exchange task = consumer.receive("jms:queue:" + ClusterNames.TASKS, 10_000);
            String replyTo = task.getMessage().getHeader(ClusterNames.REPLY_TO, String.class);
            leader.getCamelTemplate().sendBodyAndHeader("jms:queue:" + ClusterNames.DEAD_TASKS,
                    task.getMessage().getBody(String.class), ClusterNames.REPLY_TO, replyTo);
            leader.getCamelContext().getRouteController().startRoute("company-task");

            Exchange done = running.get(60, TimeUnit.SECONDS);

            assertThat(done.getException()).isNull();
            JsonNode summary = ClusterRig.json(work.resolve("leader").resolve("reports").resolve("run-summary.json"));
            assertThat(summary.get("companiesDelivered").asInt()).isEqualTo(19);
            assertThat(summary.get("failures")).singleElement().satisfies(failure -> assertThat(failure.get("reason").asText())
                    .isEqualTo("given up after 3 deliveries (kept on sp500.company.dlq): every worker that took it stopped"
                            + " before answering"));
            Exchange kept = consumer.receive("jms:queue:" + ClusterNames.DEAD_TASKS, 10_000);
            assertThat(kept).isNotNull();
            assertThat(kept.getMessage().getHeader(ClusterNames.FAILURE_REASON, String.class))
                    .isEqualTo("every worker that took it stopped before answering");
            assertThat(rig.companyRequests()).hasSize(19);
        }
    }

    /**
     * The broker stops for 2 s in the middle of a run and comes back on its journal: the run ends, with
     * every company counted once, or fails with its reason; the reports are the run's whole set or untouched.
     */
    @Test
    void aBrokerRestartMidRunEndsTheRunWithNothingLostOrHalfPublished() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 496, Duration.ofMillis(50))) {
            Main leader = rig.inThisJvm(rig.settings("leader", true, "scrape.run-timeout", "90s"));
            rig.inThisJvm(rig.settings("w1", false));
            rig.inThisJvm(rig.settings("w2", false));
            ClusterRig.awaitConsumers(leader, 36); // 3 instances x 12 (1.5 x scrape.concurrency 8)
            EmbeddedBroker broker = ClusterRig.broker(leader);

            CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> ClusterRig.run(leader));
            ClusterRig.await(Duration.ofSeconds(60), () -> rig.companyRequests().size() >= 150, "150 company pages fetched");
            long stoppedAt = System.nanoTime();
            broker.stop();
            Thread.sleep(2000);
            broker.start();
            Exchange done = running.get(120, TimeUnit.SECONDS);
            long afterStop = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);

            Path reports = work.resolve("leader").resolve("reports");
            List<String[]> requests = rig.companyRequests();
            long distinct = requests.stream().map(r -> r[0]).distinct().count();
            if (done.getException() == null) {
                JsonNode summary = ClusterRig.json(reports.resolve("run-summary.json"));
                System.out.printf("broker restart (2 s down) after 150 pages: run %s %d ms after the stop, %d delivered,"
                                + " %d failed, %d requests for %d pages%n", summary.get("status").asText(), afterStop,
                        summary.get("companiesDelivered").asInt(), summary.get("failures").size(), requests.size(), distinct);
                assertThat(summary.get("companiesListed").asInt()).isEqualTo(496);
                assertThat(summary.get("companiesDelivered").asInt() + summary.get("failures").size()).isEqualTo(496);
                assertThat(summary.get("companiesDelivered").asInt()).isGreaterThanOrEqualTo(490);
                for (String report : ClusterRig.REPORTS) {
                    assertThat(reports.resolve(report)).exists();
                }
            } else {
                JsonNode failed = ClusterRig.json(reports.resolve("last-failed-run.json"));
                System.out.printf("broker restart (2 s down) after 150 pages: run failed %d ms after the stop: %s%n", afterStop,
                        failed.get("error").asText());
                assertThat(failed.get("error").asText()).isNotBlank();
                assertThat(reports.resolve("run-summary.json")).doesNotExist();
                for (String report : ClusterRig.REPORTS) {
                    assertThat(reports.resolve(report)).doesNotExist();
                }
            }
            try (var staged = Files.list(reports)) {
                assertThat(staged.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staged") || n.startsWith(".tmp")))
                        .isEmpty();
            }
        }
    }

    /** Nobody works on the tasks: the run waits for them until scrape.run-timeout, then fails with that reason. */
    @Test
    void aRunWhoseResultsStopArrivingFailsAtItsTimeoutWithTheReasonAndPublishesNothing() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 30, Duration.ZERO)) {
            Main leader = rig.inThisJvm(rig.settings("leader", true, "scrape.run-timeout", "10s"));
            leader.getCamelContext().getRouteController().stopRoute("company-task");
            long start = System.nanoTime();

            Exchange done = ClusterRig.run(leader);

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(done.getException()).isNotNull();
            Path reports = work.resolve("leader").resolve("reports");
            assertThat(ClusterRig.json(reports.resolve("last-failed-run.json")).get("error").asText())
                    .isEqualTo("the run took longer than scrape.run-timeout (10s): 30 of 30 companies had not answered");
            assertThat(reports.resolve("run-summary.json")).doesNotExist();
            assertThat(took).isBetween(9_000L, 30_000L);
            assertThat(rig.companyRequests()).isEmpty();
            // its tasks expire on the broker: nobody will do them for a run that is over
            ClusterRig.await(Duration.ofSeconds(20), () -> ClusterRig.broker(leader).messageCount(ClusterNames.TASKS) == 0,
                    "the tasks of the failed run expired");
        }
    }

    /** Whoever can publish on the queue cannot send a worker off the site, nor have it answer anywhere. */
    @Test
    void aMessageThatIsNotATaskOfThisClusterIsKeptWithItsReasonAndNeverWorkedOn() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 5, Duration.ZERO)) {
            Main leader = rig.inThisJvm(rig.settings("leader", true));
            ClusterRig.awaitConsumers(leader, 12);
            var producer = leader.getCamelTemplate();
            String page = rig.site.baseUri() + "/stocks/a-stock";
            producer.sendBodyAndHeader("jms:queue:" + ClusterNames.TASKS, "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\","
                    + "\"url\":\"http://169.254.169.254/latest/meta-data\",\"name\":\"x\"}", ClusterNames.REPLY_TO, "sp500.result.leader");
            producer.sendBodyAndHeader("jms:queue:" + ClusterNames.TASKS, "{\"v\":1,\"kind\":\"task\",\"runId\":\"r\","
                    + "\"url\":\"" + page + "\",\"name\":\"x\"}", ClusterNames.REPLY_TO, "../../etc/passwd");
            producer.sendBodyAndHeader("jms:queue:" + ClusterNames.RESULTS_PREFIX + "leader", "{\"v\":1,\"kind\":\"result\"}",
                    ClusterNames.REPLY_TO, "x");

            ConsumerTemplate consumer = leader.getCamelContext().createConsumerTemplate();
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Exchange refused = consumer.receive("jms:queue:" + ClusterNames.REJECTED, 10_000);
                assertThat(refused).as("refused message " + (i + 1)).isNotNull();
                reasons.add(refused.getMessage().getHeader(ClusterNames.FAILURE_REASON, String.class));
            }
            assertThat(reasons).containsExactlyInAnyOrder(
                    "url is not a page of " + ru.sp500rub.parse.SiteOrigin.of(rig.site.baseUri()) + ": \"http://169.254.169.254/latest/meta-data\"",
                    "no results queue of this cluster in Sp500ReplyTo (\"../../etc/passwd\")",
                    "missing \"runId\"");
            assertThat(rig.companyRequests()).isEmpty();
            assertThat(reasons.stream().collect(Collectors.joining())).doesNotContain("\n");
        }
    }
}
