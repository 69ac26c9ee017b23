package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.config.BrokerSettings;
import ru.sp500rub.config.Settings;
import ru.sp500rub.config.SettingsSources;

class EmbeddedBrokerIT {

    static EmbeddedBroker started(BrokerSettings settings) {
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        broker.start();
        return broker;
    }

    /** An embedded broker's settings on a free loopback port, with the given overrides. */
    static BrokerSettings embedded(Path data, String... keyValues) throws IOException {
        Map<String, String> overrides = new HashMap<>(Map.of("broker.embedded", "true", "broker.port", Integer.toString(freePort()),
                "broker.data-dir", data.toString(), "reports.dir", data.resolveSibling("reports").toString(),
                "inbox.dir", data.resolveSibling("inbox").toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.read(SettingsSources.of(Settings.keysWithDefaults(), Map.of(), name -> null, Map.of(), Map.of(),
                overrides)).broker();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @TempDir
    Path dir;

    @Test
    void aQueuedTaskSurvivesABrokerRestart() throws Exception {
        BrokerSettings settings = embedded(dir.resolve("data"));
        EmbeddedBroker broker = EmbeddedBrokerIT.started(settings);
        System.out.println("broker cold start: " + broker.startTime().toMillis() + " ms");
        try {
            try (Connection connection = new ActiveMQConnectionFactory(settings.connectUrl().toString()).createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue(ClusterNames.TASKS)).send(session.createTextMessage("task"));
            }
            broker.stop();
            broker.start();
            System.out.println("broker restart on its journal: " + broker.startTime().toMillis() + " ms");

            assertThat(broker.messageCount(ClusterNames.TASKS)).isEqualTo(1);
            try (Connection connection = new ActiveMQConnectionFactory(settings.connectUrl().toString()).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(ClusterNames.TASKS));
                Message message = consumer.receive(5000);
                assertThat(((TextMessage) message).getText()).isEqualTo("task");
            }
        } finally {
            broker.stop();
        }
    }

    @Test
    void withAPasswordOnlyTheAccountGetsIn() throws Exception {
        BrokerSettings settings = embedded(dir.resolve("data"), "broker.password", "s3cret");
        try (EmbeddedBroker broker = EmbeddedBrokerIT.started(settings)) {
            String url = settings.connectUrl().toString();
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(url).createConnection().close())
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(url, "sp500-rub", "wrong").createConnection().close())
                    .isInstanceOf(JMSSecurityException.class);
            try (Connection connection = new ActiveMQConnectionFactory(url, "sp500-rub", "s3cret").createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue(ClusterNames.TASKS)).send(session.createTextMessage("task"));
                // the account may not reach anything outside sp500.#
                assertThatThrownBy(() -> session.createProducer(session.createQueue("other.queue")).send(session.createTextMessage("x")))
                        .isInstanceOf(JMSSecurityException.class);
            }
            assertThat(broker.messageCount(ClusterNames.TASKS)).isEqualTo(1);
        }
    }
}
