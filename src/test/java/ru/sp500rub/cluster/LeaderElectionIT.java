package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two standing instances (processes of the packaged jar) on one cluster.dir, sharing the reports and the
 * inbox: one leads and runs the triggers, the other runs none; kill -9 the leader, and the other leads
 * within 10 s and runs the next trigger. Every trigger is one run across the cluster: an inbox file is
 * run once, by the leader of the moment. Prints the takeover times.
 */
class LeaderElectionIT {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Pattern LINE_TIME = Pattern.compile("^(\\S+Z) ", Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void afterKill9OfTheLeaderTheOtherLeadsWithinTheBoundAndEveryTriggerIsOneRun() throws Exception {
        try (ClusterRig rig = new ClusterRig(work, 30, Duration.ZERO)) {
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            Map<String, Process> instances = new java.util.LinkedHashMap<>();
            for (String id : List.of("a", "b")) {
                instances.put(id, rig.process(id, rig.settings(id, false, "scrape.mode", "local", "broker.url", "",
                        "triggers.enabled", "true", "cluster.dir", work.resolve("cluster").toString(),
                        "reports.dir", work.resolve("reports").toString(), "inbox.dir", inbox.toString(),
                        "scrape.initial-delay", "0s", "scrape.period", "4s", "http.local-address", "")));
            }
            ClusterRig.await(Duration.ofSeconds(60), () -> leaders(rig).size() == 1, "a leader");
            String first = leaders(rig).get(0);
            String second = first.equals("a") ? "b" : "a";
            ClusterRig.await(Duration.ofSeconds(30), () -> runs(rig, first, "timer") >= 2, "two timer runs of the leader");
            Files.writeString(inbox.resolve("one.txt"), "go");
            ClusterRig.await(Duration.ofSeconds(30), () -> runs(rig, first, "inbox file one.txt") == 1, "the inbox run");
            assertThat(runs(rig, second, "")).as("runs of the follower").isZero();

            Instant killed = Instant.now();
            instances.get(first).destroyForcibly(); // SIGKILL
            instances.get(first).waitFor();
            ClusterRig.await(BOUND.plusSeconds(10), () -> leaders(rig).contains(second), "the takeover");
            ClusterRig.await(BOUND.plusSeconds(10), () -> runs(rig, second, "timer") >= 1, "the next timer run");
            Duration takeover = Duration.between(killed, firstTime(rig.logOf(second), "Instance " + second + " leads"));
            Duration nextRun = Duration.between(killed, firstTime(rig.logOf(second), "started (timer)"));
            Files.writeString(inbox.resolve("two.txt"), "go");
            ClusterRig.await(Duration.ofSeconds(30), () -> runs(rig, second, "inbox file two.txt") == 1, "the second inbox run");

            System.out.printf("takeover after kill -9: leads after %d ms, first timer run after %d ms (cluster.heartbeat 1s x 3)%n",
                    takeover.toMillis(), nextRun.toMillis());
            assertThat(takeover).isLessThan(BOUND);
            assertThat(nextRun).isLessThan(BOUND);
            ClusterRig.await(Duration.ofSeconds(10), () -> done(inbox, "two.txt") == 1, "two.txt moved to .done");
            for (String file : List.of("one.txt", "two.txt")) {
                assertThat(runs(rig, "a", "inbox file " + file) + runs(rig, "b", "inbox file " + file)).as(file).isEqualTo(1);
                assertThat(done(inbox, file)).as(file + " in .done").isEqualTo(1);
            }
            assertThat(rig.logOf(second)).doesNotContain("another sp500-rub run holds");
        }
    }

    private static long done(Path inbox, String file) {
        try (var done = Files.list(inbox.resolve(".done"))) {
            return done.filter(p -> p.getFileName().toString().startsWith(file + ".")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The instances whose latest leadership line says they lead. */
    private static List<String> leaders(ClusterRig rig) {
        return List.of("a", "b").stream().filter(id -> {
            String log = rig.logOf(id);
            int leads = log.lastIndexOf("Instance " + id + " leads");
            return leads >= 0 && leads > log.lastIndexOf("Instance " + id + " follows");
        }).toList();
    }

    private static int runs(ClusterRig rig, String id, String trigger) {
        Matcher m = Pattern.compile("Run \\S+ started \\(" + Pattern.quote(trigger)).matcher(rig.logOf(id));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The time of the first line holding {@code text}, from the line's own time stamp. */
    private static Instant firstTime(String log, String text) {
        int at = log.indexOf(text);
        int lineStart = log.lastIndexOf('\n', at) + 1;
        Matcher m = LINE_TIME.matcher(log.substring(lineStart, at));
        if (!m.find()) {
            throw new AssertionError("no time stamp on the line of " + text);
        }
        return Instant.parse(m.group(1));
    }
}
