package ru.sp500rub.cluster;

import java.net.URI;
import java.time.Duration;

/**
 * A worker instance of the prototype in its own process: cluster routes on the broker at args[0]
 * (tcp://127.0.0.1:PORT), instance id args[1], args[2] consumers, each task taking args[3] ms, at most
 * args[4] deliveries. Prints "@@ START url" / "@@ DONE url". Exits when standard input closes.
 */
public final class WorkerNodeMain {

    public static void main(String[] args) throws Exception {
        BrokerSettings broker = BrokerSettings.external(URI.create(args[0])).withDelivery(Integer.parseInt(args[4]),
                Duration.ofMillis(200));
        try (ClusterInstance instance = new ClusterInstance(args[1], broker, Integer.parseInt(args[2]),
                Duration.ofMillis(Long.parseLong(args[3])), (id, event) -> TriggerNodeMain.event(event))) {
            TriggerNodeMain.event("STARTED " + args[1]);
            while (System.in.read() != -1) {
                // until the parent closes our standard input
            }
        }
    }
}
