package ru.sp500rub.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.cluster.BrokerConnection;
import ru.sp500rub.cluster.ClusterNames;
import ru.sp500rub.cluster.EmbeddedBroker;
import ru.sp500rub.cluster.WireFormat;
import ru.sp500rub.config.BrokerSettings;
import ru.sp500rub.config.Settings;
import ru.sp500rub.parse.SiteOrigin;
import ru.sp500rub.route.Beans;
import ru.sp500rub.route.BrokerSteps;
import ru.sp500rub.route.BrokerWatch;
import ru.sp500rub.route.DistributedRoutes;
import ru.sp500rub.route.Keys;

/**
 * The broker's side of the service: the embedded broker ({@code broker.embedded=true}) as a Camel
 * service, which starts before the routes' consumers and stops after them; and, with
 * {@code scrape.mode=distributed}, the {@code jms} component on the broker and the {@code broker} bean.
 */
public final class BrokerConfiguration implements CamelConfiguration {

    /** The embedded broker, bound under this name (tests restart it). */
    public static final String EMBEDDED_BROKER = "embeddedBroker";
    private static final Logger LOG = LoggerFactory.getLogger(Keys.CLUSTER_LOG);

    private final Settings settings;

    public BrokerConfiguration(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        BrokerSettings broker = settings.broker();
        int concurrency = settings.scrape().concurrency();
        CachingConnectionFactory connection = settings.cluster().distributed()
                ? BrokerConnection.connectionFactory(broker, DistributedRoutes.consumers(concurrency) + 8) : null;
        if (broker.embedded()) {
            EmbeddedBroker embedded = new EmbeddedBroker(broker);
            context.getRegistry().bind(EMBEDDED_BROKER, embedded);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStart() {
                    embedded.start();
                }

                @Override
                protected void doStop() {
                    if (connection != null) {
                        connection.resetConnection(); // this instance's sessions close before the broker goes
                    }
                    embedded.stop();
                }
            });
        }
        if (connection == null) {
            return;
        }
        JmsComponent jms = JmsComponent.jmsComponent(connection);
        jms.setLazyCreateTransactionManager(false); // local JMS transactions: no transaction manager
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setRecoveryInterval(1000);
        jms.setIncludeAllJMSXProperties(true); // JMSXDeliveryCount: which delivery a task is on
        jms.setErrorHandlerLoggingLevel(LoggingLevel.DEBUG); // the routes log each failure once, with its cause
        jms.setErrorHandlerLogStackTrace(false);
        BrokerWatch watch = new BrokerWatch(broker.connectUrl().toString(), () -> context.isStopping() || context.isStopped());
        jms.setExceptionListener(watch); // the listeners' own lines are off (logback.xml): one line for the broker's state
        context.addComponent("jms", jms);
        String instance = settings.cluster().instanceId();
        context.getRegistry().bind(Beans.BROKER, new BrokerSteps(new WireFormat(SiteOrigin.of(settings.site().indexUrl())),
                ClusterNames.resultsQueue(instance), broker.maxDeliveryAttempts(), watch));
        LOG.info("Instance {}: scrape.mode=distributed, broker {}{}, {} consumers on {}", instance, broker.connectUrl(),
                broker.embedded() ? " (embedded)" : "", DistributedRoutes.consumers(concurrency), ClusterNames.TASKS);
    }
}
