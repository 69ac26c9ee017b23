package ru.sp500rub.ops;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.impl.TCPServerBase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.config.OpsSettings;

/**
 * The ops HTTP server: camel-platform-http-vertx's server, registered by hand (camel-platform-http-main
 * is not served at 4.22.0), on {@code ops.host}:{@code ops.port} only. Its Vert.x is its own and small
 * (one event loop: it answers a supervisor, a scraper and a browser), reads no files and caches none,
 * and is closed with the server. A port that cannot be had stops the start with the keys to change.
 */
public final class OpsServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    /** Requests are GETs; nothing larger is read. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final OpsSettings settings;

    private OpsServer(OpsSettings settings, VertxPlatformHttpServerConfiguration configuration) {
        super(configuration);
        this.settings = settings;
    }

    public static OpsServer of(OpsSettings settings) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(settings.host());
        configuration.setBindPort(settings.port());
        configuration.setPath("/");
        configuration.setMaxBodySize(MAX_BODY_BYTES);
        return new OpsServer(settings, configuration);
    }

    /** Adds the server to the context: it starts before the routes (its platform-http routes need it). */
    public static OpsServer install(CamelContext context, OpsSettings settings) throws Exception {
        OpsServer server = of(settings);
        context.addService(server, true, true);
        return server;
    }

    /** Camel's server closes a Vert.x it created itself when it stops: this one. */
    @Override
    protected Vertx createVertxInstance() {
        return Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    }

    /**
     * Camel's server logs a failed listen and carries on without a server; here it stops the start (and
     * closes what was opened), naming the address and the keys to change.
     */
    @Override
    protected void startServer() throws Exception {
        String why = null;
        try {
            super.startServer();
        } catch (RuntimeException e) {
            why = rootMessage(e);
        }
        if (why == null && !listening()) {
            why = whyNotListening();
        }
        if (why != null) {
            doStop();
            throw new IllegalStateException("sp500-rub: the ops HTTP server cannot listen on " + settings.host() + ":"
                    + settings.port() + " (ops.host, ops.port): " + why);
        }
        LOG.info("Ops HTTP server on http://{}:{}/ (status page; /health, /health/ready, /health/live, /metrics)",
                hostInUrl(settings.host()), getPort());
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        LOG.info("Ops HTTP server stopped");
    }

    /** Vert.x 4.5's server says so itself (its public interface does not); another kind is taken at its word. */
    private boolean listening() {
        return getServer() != null && (!(getServer() instanceof TCPServerBase tcp) || tcp.isListening());
    }

    /** The reason Vert.x had, found again by trying the same address (the server only logs it). */
    private String whyNotListening() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(settings.host(), settings.port()));
            return "it did not start listening (see the warning above)";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String hostInUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
