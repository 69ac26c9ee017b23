package ru.sp500rub.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a replay from the command line, like serve.py:
 * {@code ReplayMain (--demo | SITE_DIR) [--port 0] [--latency-ms 0] [--access-log FILE]}.
 * The first line printed is {@code listening http://127.0.0.1:PORT}; it serves until killed.
 */
public final class ReplayMain {
    private ReplayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String site = null;
        int port = 0;
        long latencyMs = 0;
        Path accessLog = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--latency-ms" -> latencyMs = Long.parseLong(value(args, ++i));
                case "--access-log" -> accessLog = Path.of(value(args, ++i));
                default -> site = args[i];
            }
        }
        if (site == null) {
            System.err.println("usage: ReplayMain (--demo | SITE_DIR) [--port 0] [--latency-ms 0] [--access-log FILE]");
            System.exit(2);
        }
        Site content = "--demo".equals(site) ? DemoSite.load() : FolderSite.open(Path.of(site));
        ReplayServer server = ReplayServer.builder(content).port(port).latency(Duration.ofMillis(latencyMs))
                .accessLog(accessLog).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.err.println("peak in-flight requests: " + server.peakInFlight());
        }));
        System.out.println("listening " + server.baseUri());
        System.out.flush();
        new CountDownLatch(1).await(); // server threads are daemons: keep the JVM up until killed
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value after " + args[i - 1]);
        }
        return args[i];
    }
}
