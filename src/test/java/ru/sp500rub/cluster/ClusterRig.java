package ru.sp500rub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import ru.sp500rub.app.BrokerConfiguration;
import ru.sp500rub.app.Service;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.ReplayServer;
import ru.sp500rub.replay.Site;
import ru.sp500rub.route.Endpoints;
import ru.sp500rub.route.Keys;

/**
 * A one-machine cluster for the tests: the demo site served on 127.0.0.1 with an access log that names
 * each client's address, and instances of the real service (its own Camel Main in this JVM, or a
 * process of the packaged jar), each connecting to the site from its own 127.0.0.x address and sharing
 * one broker embedded in the first instance.
 */
final class ClusterRig implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path JAR = Path.of("target/sp500-rub.jar").toAbsolutePath();
    static final Set<String> REPORTS = Set.of("top10-price-rub.json", "top10-lowest-pe.json", "top10-growth.json",
            "top10-potential-profit.json");

    final Path dir;
    final ReplayServer site;
    final Path accessLog;
    final int brokerPort;
    private final List<Main> mains = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** @param missing paths the site answers 404 for */
    ClusterRig(Path dir, int companies, Duration latency, String... missing) throws IOException {
        this.dir = dir;
        this.accessLog = dir.resolve("access.log");
        Map<String, Site.Response> rendered = new java.util.HashMap<>(DemoSite.render(DemoSite.facts().subList(0, companies)));
        List.of(missing).forEach(rendered::remove);
        Site pages = Site.of(rendered);
        this.site = ReplayServer.builder(pages).latency(latency).accessLog(accessLog).start();
        this.brokerPort = freePort();
    }

    /** An instance's settings: its own folders and client address, the rig's site and broker. */
    Map<String, String> settings(String id, boolean leader, String... more) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sp500.index-url", site.baseUri() + DemoSite.INDEX_PATH);
        s.put("cbr.url", site.baseUri() + DemoSite.CBR_PATH);
        s.put("reports.dir", dir.resolve(id).resolve("reports").toString());
        s.put("inbox.dir", dir.resolve(id).resolve("inbox").toString());
        s.put("triggers.enabled", "false");
        s.put("startup.warm-up", "false");
        s.put("scrape.mode", "distributed");
        s.put("scrape.concurrency", "8");
        s.put("cluster.instance-id", id);
        s.put("http.local-address", address(id));
        s.put("http.retries", "3");
        s.put("http.retry-delay", "50ms");
        s.put("http.retry-max-delay", "200ms");
        s.put("broker.redelivery-delay", "100ms");
        s.put("ops.port", "0"); // a standing instance's ops server, on a port of its own
        if (leader) {
            s.put("broker.embedded", "true");
            s.put("broker.port", Integer.toString(brokerPort));
            s.put("broker.data-dir", dir.resolve("broker").toString());
        } else {
            s.put("broker.url", "tcp://127.0.0.1:" + brokerPort);
        }
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return s;
    }

    /** The client address of an instance: the leader 127.0.0.2, w1 127.0.0.3, w2 127.0.0.4; any other 127.0.0.20. */
    static String address(String id) {
        return switch (id) {
            case "leader" -> "127.0.0.2";
            case "w1" -> "127.0.0.3";
            case "w2" -> "127.0.0.4";
            default -> "127.0.0.20";
        };
    }

    /** The service, started in this JVM. */
    Main inThisJvm(Map<String, String> settings) throws Exception {
        Properties p = new Properties();
        p.putAll(settings);
        Main main = Service.createMain(p);
        main.start();
        mains.add(main);
        return main;
    }

    /** The packaged service as a process of its own (standing, with these settings), its output in LOG. */
    Process process(String name, Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", JAR.toString()));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log(name).toFile()).start();
        processes.add(process);
        return process;
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    String logOf(String name) {
        try {
            return Files.exists(log(name)) ? Files.readString(log(name)) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static EmbeddedBroker broker(Main leader) {
        return leader.getCamelContext().getRegistry().lookupByNameAndType(BrokerConfiguration.EMBEDDED_BROKER, EmbeddedBroker.class);
    }

    /** Waits until every instance listens on the task queue: {@code consumers} in all. */
    static void awaitConsumers(Main leader, int consumers) {
        await(Duration.ofSeconds(60), () -> broker(leader).consumerCount(ClusterNames.TASKS) >= consumers,
                "consumers on " + ClusterNames.TASKS);
    }

    /** A run on the leader, as a trigger of the test. */
    static Exchange run(Main leader) {
        try {
            return leader.getCamelTemplate().send(Endpoints.SCRAPE, e -> e.setProperty(Keys.TRIGGER, "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Company page requests in the access log: path and client address, in the order they ended. */
    List<String[]> companyRequests() {
        try {
            return Files.readAllLines(accessLog).stream().map(line -> line.split("\t"))
                    .filter(cols -> cols.length >= 5 && cols[2].startsWith("/stocks/"))
                    .map(cols -> new String[] {cols[2], cols[4], cols[3]}).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Map<String, Long> requestsByClient() {
        return companyRequests().stream().collect(Collectors.groupingBy(r -> r[1], java.util.TreeMap::new, Collectors.counting()));
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        // workers before the leader, whose broker they use
        for (int i = mains.size() - 1; i >= 0; i--) {
            mains.get(i).stop();
        }
        site.close();
    }
}
