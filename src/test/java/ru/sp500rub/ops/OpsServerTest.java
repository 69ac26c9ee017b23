package ru.sp500rub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import ru.sp500rub.config.OpsSettings;

class OpsServerTest {

    @Test
    void aPortInUseStopsTheStartNamingTheKeysToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CamelContext context = new DefaultCamelContext();
            OpsServer.install(context, settings(Integer.toString(taken.getLocalPort())));

            assertThatThrownBy(context::start).hasStackTraceContaining("sp500-rub: the ops HTTP server cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + " (ops.host, ops.port)");
            context.close();
        }
    }

    @Test
    void aFreePortIsPickedForPortZeroAndItsVertxIsClosedWithIt() throws Exception {
        CamelContext context = new DefaultCamelContext();
        OpsServer server = OpsServer.install(context, settings("0"));
        context.start();
        assertThat(server.getPort()).isPositive();
        assertThat(vertxThreads()).isPositive();

        context.stop();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (vertxThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(vertxThreads()).isZero();
    }

    private static OpsSettings settings(String port) {
        return new OpsSettings(OpsSettings.Enabled.TRUE, "127.0.0.1", Integer.parseInt(port), Duration.ofHours(2));
    }

    private static long vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vert.x-")).count();
    }
}
