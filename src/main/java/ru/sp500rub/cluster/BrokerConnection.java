package ru.sp500rub.cluster;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import ru.sp500rub.config.BrokerSettings;

/**
 * This instance's connection to the broker (embedded or external), for Camel's {@code jms} component.
 *
 * <ul>
 *   <li>{@code consumerWindowSize=}{@value #PREFETCH_BYTES}: a consumer takes no task ahead (Artemis's
 *       default buffers 1 MB of them), so the tasks spread over every instance's free consumers, and a
 *       killed worker holds only the tasks it was working on. Taking one or two ahead made no
 *       difference measured (bench/instances): the round trip to the broker is not what costs.</li>
 *   <li>Failure detection in seconds, not Artemis's minute: a blocking call waits at most 10 s, a silent
 *       connection is dead after 10 s (the broker then gives the tasks of a vanished worker to others); a
 *       lost connection is retried every second by the listener containers.</li>
 *   <li>One shared connection with cached sessions and producers for sending; consumers are not cached by
 *       it (the listener containers keep their own), as Spring advises.</li>
 * </ul>
 */
public final class BrokerConnection {

    static final int PREFETCH_BYTES = 0;

    private BrokerConnection() {
    }

    /** @param sessions sessions kept for sending (one per thread that may send at once) */
    public static CachingConnectionFactory connectionFactory(BrokerSettings settings, int sessions) {
        String url = settings.connectUrl() + "?consumerWindowSize=" + PREFETCH_BYTES
                + "&callTimeout=10000&connectionTTL=10000&clientFailureCheckPeriod=3000&reconnectAttempts=0";
        ActiveMQConnectionFactory artemis = settings.password().isEmpty()
                ? new ActiveMQConnectionFactory(url)
                : new ActiveMQConnectionFactory(url, settings.user(), settings.password());
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(Math.max(1, sessions));
        caching.setCacheConsumers(false);
        caching.setReconnectOnException(true);
        return caching;
    }
}
