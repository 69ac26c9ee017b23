package ru.sp500rub.cluster;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import ru.sp500rub.model.IndexEntry;

/**
 * The distributed prototype against a replay site, for bench/instances: an embedded broker and N
 * instances (CamelContexts; the first one also leads), each with its own camel-http from 127.0.0.(2+i)
 * and C consumers. The leader sends every company page of site.tsv as a task, in parallel, and waits.
 * Args: siteBaseUrl site.tsv N C dataDir. Prints one line: "RESULT span_ms=... dispatch_ms=... listed=...
 * answered=... failures=... duplicates=... complete=..." (the span runs from the first task sent to the last
 * result counted); which instance fetched what is in the server's access log (client address).
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        URI site = URI.create(args[0]);
        List<URI> pages = Files.readAllLines(Path.of(args[1])).stream().skip(1).map(line -> line.split("\t")[0])
                .filter(path -> path.startsWith("/stocks/")).map(path -> site.resolve(path)).toList();
        int instances = Integer.parseInt(args[2]);
        int consumers = Integer.parseInt(args[3]);
        BrokerSettings settings = BrokerSettings.embeddedOn("127.0.0.1", ClusterRoutesIT.freePort(), Path.of(args[4]));
        WireFormat wire = new WireFormat(SiteOrigin.of(site));
        List<DefaultCamelContext> contexts = new ArrayList<>();
        RunLedgers leaderLedgers = new RunLedgers();
        EmbeddedBroker broker = EmbeddedBrokerIT.started(settings);
        try {
            for (int i = 0; i < instances; i++) {
                DefaultCamelContext context = new DefaultCamelContext();
                context.getShutdownStrategy().setTimeout(5);
                context.addComponent("jms", BrokerClient.jmsComponent(settings, 32));
                HttpComponent http = new HttpComponent();
                http.setHttpClientConfigurer(LocalAddress.of("127.0.0." + (2 + i)).orElseThrow());
                http.setConnectionsPerRoute(consumers);
                http.setMaxTotalConnections(consumers);
                context.addComponent("http", http);
                context.addRoutes(new ClusterRoutes(wire, i == 0 ? leaderLedgers : new RunLedgers(), "i" + i, consumers,
                        3, Duration.ofMinutes(5)));
                context.addRoutes(new BenchCompanyStep());
                context.start();
                contexts.add(context);
            }
            RunLedger ledger = leaderLedgers.open("bench");
            var producer = contexts.get(0).createProducerTemplate();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            for (URI page : pages) {
                senders.execute(() -> producer.sendBody(ClusterRoutes.DISPATCH,
                        new ClusterTask("bench", new IndexEntry("", page, Optional.empty()))));
            }
            senders.shutdown();
            senders.awaitTermination(2, TimeUnit.MINUTES);
            long sent = System.nanoTime();
            boolean all = ledger.awaitAllAnswered(Duration.ofMinutes(3));
            long span = System.nanoTime() - start;
            System.out.printf("RESULT span_ms=%d dispatch_ms=%d listed=%d answered=%d failures=%d duplicates=%d complete=%s%n",
                    span / 1_000_000, (sent - start) / 1_000_000, pages.size(), ledger.answeredCount(), ledger.failures().size(),
                    ledger.duplicates(), all);
            ledger.failures().stream().limit(5).forEach(f -> System.out.println("FAILURE " + f.url() + " " + f.reason()));
        } finally {
            for (DefaultCamelContext context : contexts) {
                context.close();
            }
            broker.stop(); // after the consumers
        }
    }
}
