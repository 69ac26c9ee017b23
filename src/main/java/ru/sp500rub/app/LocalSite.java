package ru.sp500rub.app;

import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.ReplayServer;

/** The site served on 127.0.0.1 for {@code --demo} or {@code --replay DIR}; nothing otherwise. */
final class LocalSite implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSite.class);
    private final ReplayServer server;

    private LocalSite(ReplayServer server) {
        this.server = server;
    }

    static LocalSite start(CommandLine cli) {
        if (cli.demo()) {
            LOG.info("Demo: serving the packaged snapshot (no network needed)");
            return new LocalSite(ReplayServer.serve(DemoSite.load(), cli.replayLatency()));
        }
        return new LocalSite(cli.replayDir().map(dir -> {
            LOG.info("Replay: serving {}", dir.toAbsolutePath());
            return ReplayServer.serveFolder(dir, cli.replayLatency());
        }).orElse(null));
    }

    Optional<URI> baseUri() {
        return Optional.ofNullable(server).map(ReplayServer::baseUri);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
