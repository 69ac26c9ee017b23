package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import ru.sp500rub.ops.FetchListener;
import ru.sp500rub.replay.ReplayServer;
import ru.sp500rub.replay.Site;

/** camel-http's requests, told to the fetch listener from Camel's events: statuses, no answer, retries. */
class HttpRequestEventsTest {

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final FetchListener listener = new FetchListener() {
        @Override
        public void response(int status) {
            told.add(Integer.toString(status));
        }

        @Override
        public void noResponse() {
            told.add("none");
        }

        @Override
        public void retry() {
            told.add("retry");
        }

        @Override
        public void hedge() {
            told.add("hedge");
        }
    };

    @Test
    void tellsEachAnswerByItsStatusARequestWithoutOneAndEachRetry() throws Exception {
        Site.Response ok = new Site.Response(200, "text/plain", "ok".getBytes(StandardCharsets.US_ASCII));
        Site.Response busy = new Site.Response(503, "text/plain", "busy".getBytes(StandardCharsets.US_ASCII));
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        try (ReplayServer server = ReplayServer.serve(Site.of(Map.of("/ok", ok, "/busy", busy)), Duration.ZERO);
             CamelContext context = new DefaultCamelContext()) {
            context.getManagementStrategy().addEventNotifier(new HttpRequestEvents(listener));
            String base = server.baseUri().toString();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).maximumRedeliveries(1).redeliveryDelay(0).handled(true);
                    from("direct:get").toD("${body}?httpMethod=GET").to("direct:not-http");
                    from("direct:not-http").log("not a request");
                }
            });
            context.start();

            for (String url : List.of(base + "/ok", base + "/busy", "http://127.0.0.1:" + closedPort + "/")) {
                context.createProducerTemplate().sendBody("direct:get", url);
            }

            assertThat(told).containsExactly("200", "503", "retry", "503", "none", "retry", "none");
        }
    }
}
