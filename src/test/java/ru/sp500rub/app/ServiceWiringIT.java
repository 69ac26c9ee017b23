package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.main.Main;
import org.apache.camel.spi.ThreadPoolProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration reaches the parts that make the scrape parallel and keep Camel the only retry layer. */
class ServiceWiringIT {

    @TempDir
    Path reports;

    @Test
    void concurrencySizesBothTheThreadPoolAndTheConnectionPoolAndParsingHasItsOwnPool() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("reports.dir", reports.toString());
        settings.setProperty("cbr.url", "http://127.0.0.1:9/unused");
        settings.setProperty("triggers.enabled", "false");
        settings.setProperty("scrape.concurrency", "48");
        settings.setProperty("scrape.parse-threads", "3");
        Main main = Application.createMain(settings);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            ThreadPoolProfile scrape = context.getExecutorServiceManager().getThreadPoolProfile("scrape");
            assertThat(scrape.getPoolSize()).isEqualTo(48);
            assertThat(scrape.getMaxPoolSize()).isEqualTo(48);
            ThreadPoolProfile parse = context.getExecutorServiceManager().getThreadPoolProfile("parse");
            assertThat(parse.getPoolSize()).isEqualTo(3);
            assertThat(parse.getMaxPoolSize()).isEqualTo(3);
            HttpComponent http = context.getComponent("http", HttpComponent.class);
            assertThat(http.getConnectionsPerRoute()).isGreaterThanOrEqualTo(48);
            assertThat(http.isAutomaticRetriesDisabled()).isTrue();
            assertThat(http.getResponseTimeout()).isEqualTo(30_000);
            // company pages (~170 KB with a Content-Length) are read into one array, not the stream cache
            assertThat(http.getResponsePayloadStreamingThreshold()).isGreaterThanOrEqualTo(1024 * 1024);
            assertThat(context.getRoute("trigger-timer")).isNotNull();
            assertThat(context.getRouteController().getRouteStatus("trigger-timer").isStarted()).isFalse();
        } finally {
            main.stop();
        }
    }
}
