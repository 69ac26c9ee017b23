package ru.sp500rub.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/** One instance of the prototype: its own CamelContext, broker connection, cluster routes and sample step. */
final class ClusterInstance implements AutoCloseable {

    static final URI SITE = URI.create("http://127.0.0.1:9/index/components/s&p_500");

    final String id;
    final CamelContext context;
    final RunLedgers ledgers = new RunLedgers();

    ClusterInstance(String id, BrokerSettings broker, int concurrency, Duration work, BiConsumer<String, String> listener)
            throws Exception {
        this.id = id;
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        context.addComponent("jms", BrokerClient.jmsComponent(broker, concurrency + 4));
        context.addRoutes(new ClusterRoutes(new WireFormat(SiteOrigin.of(SITE)), ledgers, id, concurrency,
                broker.maxDeliveryAttempts(), Duration.ofMinutes(5)));
        context.addRoutes(new SampleCompanyStep(id, work, listener));
        context.start();
    }

    ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
