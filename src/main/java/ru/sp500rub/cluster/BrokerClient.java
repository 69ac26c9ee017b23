package ru.sp500rub.cluster;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * This instance's connection to the broker (embedded or external) as Camel's {@code jms} component.
 *
 * <ul>
 *   <li>{@code consumerWindowSize=0}: a consumer takes one task at a time from the broker instead of
 *       buffering up to 1 MB of them, so the tasks spread over every instance's free consumers and a
 *       killed worker holds only the tasks it was working on.</li>
 *   <li>Failure detection in seconds, not Artemis's minute: a blocking call waits at most 10 s, a silent
 *       connection is dead after 10 s (the broker then gives the tasks of a vanished worker to others);
 *       a lost connection is retried every second by the listener containers.</li>
 *   <li>One shared connection with cached sessions and producers for sending; consumers are not cached by
 *       it (the listener containers keep their own), as Spring advises.</li>
 *   <li>The consumer routes say {@code transacted=true} with local JMS transactions (no transaction
 *       manager, so the consumer is cached): what a route sends while handling a message, to the same
 *       broker, commits with that message's acknowledgement, or rolls back with it.</li>
 * </ul>
 */
public final class BrokerClient {

    private BrokerClient() {
    }

    public static ConnectionFactory connectionFactory(BrokerSettings settings, int sessions) {
        String url = settings.connectUrl() + "?consumerWindowSize=0&callTimeout=10000&connectionTTL=10000"
                + "&clientFailureCheckPeriod=3000&reconnectAttempts=0";
        ActiveMQConnectionFactory artemis = settings.password().isEmpty()
                ? new ActiveMQConnectionFactory(url)
                : new ActiveMQConnectionFactory(url, settings.user(), settings.password());
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(Math.max(1, sessions));
        caching.setCacheConsumers(false);
        caching.setReconnectOnException(true);
        return caching;
    }

    public static JmsComponent jmsComponent(BrokerSettings settings, int sessions) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory(settings, sessions));
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setRecoveryInterval(1000);
        jms.setIncludeAllJMSXProperties(true);
        // the routes log each failure once, with its cause
        jms.setErrorHandlerLoggingLevel(LoggingLevel.DEBUG);
        jms.setErrorHandlerLogStackTrace(false);
        return jms;
    }
}
