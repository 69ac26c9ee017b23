package ru.sp500rub.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/**
 * The demo site behind a server that defends itself the way {@code serve.py --max-inflight N} does:
 * every request takes {@code latency}, and one that arrives while more than {@code cap} requests are in
 * flight is answered 429 (with the Retry-After given, if any). Nothing tells the client the cap. A
 * request is in flight from its arrival until its answer starts. The server records, for every request
 * of the site (the CBR apart), how many were in flight when it arrived.
 */
final class CappedSite implements AutoCloseable {

    private static final byte[] TOO_MANY = "too many requests\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Site.Response> pages;
    private final int cap;
    private final Duration latency;
    private final Optional<String> retryAfter;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "capped-site");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final List<Integer> inFlightOnArrival = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();

    CappedSite(List<CompanyFacts> companies, int cap, Duration latency, Optional<String> retryAfter) throws IOException {
        this.pages = DemoSite.render(companies);
        this.cap = cap;
        this.latency = latency;
        this.retryAfter = retryAfter;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many requests were in flight (each counting itself) as each request of the site arrived, in order. */
    synchronized List<Integer> inFlightOnArrival() {
        return List.copyOf(inFlightOnArrival);
    }

    /** Every request target of the site (the CBR apart), in order of arrival. */
    synchronized List<String> targets() {
        return List.copyOf(targets);
    }

    int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String target = query == null ? path : path + "?" + query;
            Site.Response page = Optional.ofNullable(pages.get(target)).or(() -> Optional.ofNullable(pages.get(path)))
                    .orElse(pages.get(path + "?*"));
            if (path.equals(DemoSite.CBR_PATH)) {
                send(exchange, page.status(), page.contentType(), page.body());
                return;
            }
            int now = inFlight.incrementAndGet();
            boolean crowded = now > cap;
            synchronized (this) {
                inFlightOnArrival.add(now);
                targets.add(target);
            }
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                // before the answer goes out: once the client has it, it may send the next request at
                // once, and that one must not find this one still counted
                inFlight.decrementAndGet();
            }
            if (crowded) {
                rejected.incrementAndGet();
                retryAfter.ifPresent(seconds -> exchange.getResponseHeaders().set("Retry-After", seconds));
                send(exchange, 429, "text/plain", TOO_MANY);
            } else if (page == null) {
                send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                send(exchange, page.status(), page.contentType(), page.body());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
