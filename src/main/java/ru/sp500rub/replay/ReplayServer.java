package ru.sp500rub.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on 127.0.0.1 that answers GET requests from a {@link Site}, as serve.py does for a
 * replay folder: a manifest route answers with its file, a {@code ?*} route answers any query, anything
 * else is 404 and any other method 405. It can delay every answer by a fixed latency, and it counts
 * requests and the peak number in flight so that a client's concurrency can be measured.
 */
public final class ReplayServer implements AutoCloseable {
    /** Enough threads for a client running 64 requests at once with room to spare. */
    public static final int DEFAULT_THREADS = 128;
    private static final int BACKLOG = 1024; // a burst of hundreds of connections must not be refused
    private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_ERROR = "replay error\n".getBytes(StandardCharsets.US_ASCII);

    static {
        // Headers and body go out in two writes; with Nagle on, delayed ACKs add ~40 ms to small answers.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Site site;
    private final long latencyNanos;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService delayer;
    private final AccessLog accessLog;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    private ReplayServer(Builder builder) throws IOException {
        this.site = builder.site;
        this.latencyNanos = builder.latency.toNanos();
        this.workers = Executors.newFixedThreadPool(builder.threads, daemonThreads("replay-http-"));
        this.delayer = Executors.newSingleThreadScheduledExecutor(daemonThreads("replay-latency-"));
        this.accessLog = builder.accessLog == null ? null : AccessLog.appendingTo(builder.accessLog);
        try {
            this.server = bind(builder.port);
        } catch (IOException | RuntimeException e) {
            workers.shutdownNow();
            delayer.shutdownNow();
            if (accessLog != null) {
                accessLog.close();
            }
            throw e;
        }
        server.createContext("/", this::accept);
        server.setExecutor(workers);
        server.start();
    }

    private static HttpServer bind(int port) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        return HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
    }

    /** Serves a replay folder (site.tsv and its files) on a free port. */
    public static ReplayServer serveFolder(Path dir, Duration latency) {
        return builder(FolderSite.open(dir)).latency(latency).start();
    }

    /** Serves a site (for instance {@link DemoSite#load()}) on a free port. */
    public static ReplayServer serve(Site site, Duration latency) {
        return builder(site).latency(latency).start();
    }

    public static Builder builder(Site site) {
        return new Builder(site);
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The socket address the server listens on (always a loopback address). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Requests received so far, whatever their answer. */
    public long requestCount() {
        return requests.get();
    }

    /** The most requests that were being answered at the same time, latency included. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        delayer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (accessLog != null) {
            accessLog.close();
        }
    }

    /** Counts the request and answers it now or, with latency, later without holding a thread meanwhile. */
    private void accept(HttpExchange exchange) {
        long startMillis = System.currentTimeMillis();
        requests.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        if (latencyNanos <= 0) {
            answer(exchange, startMillis);
            return;
        }
        try {
            delayer.schedule(() -> answerOnWorker(exchange, startMillis), latencyNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            abandon(exchange);
        }
    }

    private void answerOnWorker(HttpExchange exchange, long startMillis) {
        try {
            workers.execute(() -> answer(exchange, startMillis));
        } catch (RejectedExecutionException closing) {
            abandon(exchange);
        }
    }

    private void answer(HttpExchange exchange, long startMillis) {
        String target = requestTarget(exchange.getRequestURI());
        int status = -3; // serve.py's code for "client went away"
        try {
            status = respond(exchange, target);
        } catch (IOException clientGone) {
            // nothing to answer to
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
            if (accessLog != null) {
                accessLog.request(startMillis, System.currentTimeMillis(), target, status,
                        exchange.getRemoteAddress().getAddress().getHostAddress());
            }
        }
    }

    private int respond(HttpExchange exchange, String target) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            exchange.sendResponseHeaders(405, -1);
            return 405;
        }
        Site.Response response;
        try {
            response = find(target).orElse(new Site.Response(404, "text/plain", NOT_FOUND));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            response = new Site.Response(500, "text/plain", SERVER_ERROR);
        }
        send(exchange, response);
        return response.status();
    }

    private Optional<Site.Response> find(String target) {
        return RequestKeys.candidates(target).stream()
                .map(site::response)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static void send(HttpExchange exchange, Site.Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void abandon(HttpExchange exchange) {
        exchange.close();
        inFlight.decrementAndGet();
    }

    /** The path and query exactly as the client sent them: matching decides what to decode. */
    private static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true); // a server someone forgot to close must not keep the JVM alive
            return thread;
        };
    }

    /** Options for a {@link ReplayServer}: port (0 = free), latency, worker threads, access log. */
    public static final class Builder {
        private final Site site;
        private int port;
        private Duration latency = Duration.ZERO;
        private int threads = DEFAULT_THREADS;
        private Path accessLog;

        private Builder(Site site) {
            this.site = Objects.requireNonNull(site, "site");
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency cannot be negative: " + latency);
            }
            this.latency = latency;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Appends one line per request to this file, in serve.py's access-log format. */
        public Builder accessLog(Path file) {
            this.accessLog = file;
            return this;
        }

        public ReplayServer start() {
            try {
                return new ReplayServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the replay server", e);
            }
        }
    }
}
