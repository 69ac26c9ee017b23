package ru.sp500rub.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A standing instance reduced to its trigger: a timer route under the leader policy that prints
 * "@@ TRIGGER id epochMillis" each time it fires. Args: clusterDir instanceId heartbeatMillis multiplier
 * periodMillis [triggersEnabled]. Exits when standard input closes.
 */
public final class TriggerNodeMain {

    public static void main(String[] args) throws Exception {
        String id = args[1];
        boolean triggersEnabled = args.length < 6 || Boolean.parseBoolean(args[5]);
        ClusterSettings settings = new ClusterSettings(Optional.of(Path.of(args[0])), id,
                Duration.ofMillis(Long.parseLong(args[2])), Integer.parseInt(args[3]));
        DefaultCamelContext context = new DefaultCamelContext();
        new LeaderElection(settings, triggersEnabled).configure(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:scrape?delay=0&period=" + args[4]).routeId("trigger-timer")
                        .routePolicyRef(LeaderElection.TRIGGER_POLICY)
                        .autoStartup(triggersEnabled)
                        .process(exchange -> event("TRIGGER " + id + " " + System.currentTimeMillis()));
            }
        });
        context.start();
        event("STARTED " + id + " " + System.currentTimeMillis() + " " + ProcessHandle.current().pid());
        while (System.in.read() != -1) {
            // runs until the parent closes our standard input
        }
        context.stop();
    }

    static synchronized void event(String text) {
        System.out.println("@@ " + text);
        System.out.flush();
    }
}
