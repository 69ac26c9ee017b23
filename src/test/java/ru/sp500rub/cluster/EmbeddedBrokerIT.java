package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    static EmbeddedBroker started(BrokerSettings settings) {
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        broker.start();
        return broker;
    }

    @TempDir
    Path dir;

    @Test
    void aQueuedTaskSurvivesABrokerRestart() throws Exception {
        BrokerSettings settings = BrokerSettings.embeddedOn("127.0.0.1", ClusterRoutesIT.freePort(), dir.resolve("data"));
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
        BrokerSettings settings = BrokerSettings.embeddedOn("127.0.0.1", ClusterRoutesIT.freePort(), dir.resolve("data"))
                .withPassword("s3cret");
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

    @Test
    void aBadSettingStopsTheStartWithItsName() {
        Path data = dir.resolve("data");
        assertThatThrownBy(() -> BrokerSettings.embeddedOn("0.0.0.0", 61616, data))
                .hasMessageStartingWith("sp500-rub: broker.password must be set when broker.host is not a loopback address");
        assertThatThrownBy(() -> BrokerSettings.embeddedOn("localhost", 61616, data))
                .hasMessage("sp500-rub: broker.host must be a literal IP address, got \"localhost\"");
        assertThatThrownBy(() -> BrokerSettings.embeddedOn("127.0.0.1", 0, data))
                .hasMessage("sp500-rub: broker.port must be 1-65535, got \"0\"");
        assertThatThrownBy(() -> BrokerSettings.embeddedOn("127.0.0.1", 61616, data).withDelivery(0, java.time.Duration.ZERO))
                .hasMessage("sp500-rub: broker.max-delivery-attempts must be 1-100, got \"0\"");
        assertThatThrownBy(() -> BrokerSettings.external(java.net.URI.create("http://127.0.0.1:61616")))
                .hasMessage("sp500-rub: broker.url must be a tcp://HOST:PORT URL, got \"http://127.0.0.1:61616\"");
    }
}
