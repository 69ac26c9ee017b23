package ru.sp500rub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server on 127.0.0.1 that logs each client's address sees the address the setting names. */
class LocalAddressTest {

    private HttpServer server;
    private final List<String> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.createContext("/", exchange -> {
            clients.add(exchange.getRemoteAddress().getAddress().getHostAddress());
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stocks/mmm-stock";
    }

    @Test
    void camelHttpConnectsFromTheConfiguredAddress() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            HttpComponent http = new HttpComponent();
            InetAddress from = address("127.0.0.2");
            http.setHttpClientConfigurer(builder -> LocalAddress.applyTo(builder, Optional.of(from)));
            context.addComponent("http", http);
            context.start();

            context.createProducerTemplate().requestBody(url(), (Object) null, String.class);
            context.createProducerTemplate().requestBody(url(), (Object) null, String.class);
        }
        assertThat(clients).containsExactly("127.0.0.2", "127.0.0.2");
    }

    @Test
    void aPlainHttpClient5ConnectsFromTheConfiguredAddressToo() throws Exception {
        try (CloseableHttpClient client = LocalAddress.applyTo(HttpClients.custom(), Optional.of(address("127.0.0.3"))).build()) {
            client.execute(new HttpGet(url()), response -> response.getCode());
        }
        assertThat(clients).containsExactly("127.0.0.3");
    }

    @Test
    void withoutTheSettingTheSystemChoosesAsBefore() throws Exception {
        try (CloseableHttpClient client = LocalAddress.applyTo(HttpClients.custom(), Optional.empty()).build()) {
            client.execute(new HttpGet(url()), response -> response.getCode());
        }
        assertThat(clients).containsExactly("127.0.0.1");
    }

    private static InetAddress address(String literal) throws java.net.UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
