package ru.sp500rub.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/**
 * The demo site served on 127.0.0.1 by a raw HTTP/1.1 server of our own, with chosen pages replaced by
 * what a broken or hostile site sends: a page that trickles a byte at a time, a chunked page that never
 * ends, a page of any size (streamed, never held), a gzip bomb, a redirect chain that never ends, a
 * connection reset. It records what it saw: the requests, the bytes it sent, and the answers the client
 * walked away from. Everything else is served as {@link DemoSite#render} renders it.
 *
 * <p>Raw sockets rather than the JDK's HttpServer: only they let a test send exactly the bytes it wants
 * (a chunked stream for ever, a reset with no answer, a Content-Length that is a lie).
 */
public final class HostileSite implements AutoCloseable {

    private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REQUEST_HEAD = 16 * 1024;
    private static final int BLOCK = 64 * 1024;
    private static final Map<String, byte[]> GZIP_BOMBS = new ConcurrentHashMap<>();

    private final Map<String, Site.Response> pages;
    private final Map<String, Answer> replaced;
    private final Map<String, Answer> firstRequestOnly;
    private final Set<String> firstRequestServed = ConcurrentHashMap.newKeySet();
    private final Answer everyCompany;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> requested = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Served> served = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private volatile boolean closing;

    /** What a replaced page answers. */
    public record Answer(Kind kind, long size, Duration interval, Optional<Site.Response> body) {
        public enum Kind { PAGE, TRICKLE, ENDLESS_CHUNKED, HUGE, GZIP_BOMB, REDIRECT_LOOP, RESET, BODY }

        public Answer {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(body, "body");
        }

        private Answer(Kind kind, long size, Duration interval) {
            this(kind, size, interval, Optional.empty());
        }

        /** This response instead (a CBR answer dated 2099, an HTML error page...). */
        public static Answer body(Site.Response response) {
            return new Answer(Kind.BODY, 0, Duration.ZERO, Optional.of(response));
        }

        /** The page as the demo has it. */
        public static Answer page() {
            return new Answer(Kind.PAGE, 0, Duration.ZERO);
        }

        /** The real page, with its real Content-Length, one byte every {@code perByte}. */
        public static Answer trickle(Duration perByte) {
            return new Answer(Kind.TRICKLE, 0, perByte);
        }

        /** Chunked, as fast as the client reads, never ending. */
        public static Answer endlessChunked() {
            return new Answer(Kind.ENDLESS_CHUNKED, 0, Duration.ZERO);
        }

        /** The real page padded to {@code bytes} with an HTML comment (a valid page if read whole). */
        public static Answer huge(long bytes) {
            return new Answer(Kind.HUGE, bytes, Duration.ZERO);
        }

        /** {@code Content-Encoding: gzip}: a body of about a thousandth of {@code inflatedBytes}. */
        public static Answer gzipBomb(long inflatedBytes) {
            return new Answer(Kind.GZIP_BOMB, inflatedBytes, Duration.ZERO);
        }

        /** 302 to the same path with {@code ?hop=N+1}: never the same URL twice, never an end. */
        public static Answer redirectLoop() {
            return new Answer(Kind.REDIRECT_LOOP, 0, Duration.ZERO);
        }

        /** Reads the request, then resets the connection (RST) after {@code afterBytes} of the real answer. */
        public static Answer reset(long afterBytes) {
            return new Answer(Kind.RESET, afterBytes, Duration.ZERO);
        }
    }

    /** How one answer ended. */
    public enum Outcome { COMPLETE, CLIENT_CLOSED, RESET_BY_SITE, SITE_CLOSED }

    /** One answered (or abandoned) request: its target, what it was answered with, bytes sent, how it ended. */
    public record Served(String target, Answer.Kind answer, long bytes, Outcome outcome) {
    }

    private HostileSite(Builder builder) throws IOException {
        this.pages = Map.copyOf(DemoSite.render(builder.companies));
        this.replaced = Map.copyOf(builder.replaced);
        this.firstRequestOnly = Map.copyOf(builder.firstRequestOnly);
        this.everyCompany = builder.everyCompany;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 512);
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "hostile-site-" + connections.get());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    /**
     * The demo's own response for a manifest key ({@link DemoSite#CBR_PATH}, a company's page path), to
     * build a {@link Answer#body} from.
     */
    public static Site.Response demoResponse(String key) {
        Site.Response response = DemoSite.render(DemoSite.facts()).get(key);
        if (response == null) {
            throw new IllegalArgumentException("the demo has no " + key);
        }
        return response;
    }

    /**
     * The response with {@code regex} replaced in its bytes read as ISO-8859-1 (the ASCII of a
     * windows-1251 CBR answer is kept byte for byte).
     */
    public static Site.Response rewritten(Site.Response response, String regex, String replacement) {
        String text = new String(response.body(), StandardCharsets.ISO_8859_1).replaceFirst(regex, replacement);
        return new Site.Response(response.status(), response.contentType(), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The demo site's first {@code companies} companies (all 496 with {@code Integer.MAX_VALUE}). */
    public static Builder demo(int companies) {
        List<CompanyFacts> facts = DemoSite.facts();
        return new Builder(facts.subList(0, Math.min(companies, facts.size())));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The index URL to give the service ({@code sp500.index-url}). */
    public String indexUrl() {
        return baseUri() + DemoSite.INDEX_PATH;
    }

    public String cbrUrl() {
        return baseUri() + DemoSite.CBR_PATH;
    }

    /** Every request target received, in order of arrival, answered or not yet. */
    public List<String> requests() {
        return List.copyOf(requested);
    }

    /** Answers finished, in order of their end. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** Bytes written to clients, headers included. */
    public long bytesSent() {
        return bytesSent.get();
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    /** Answers the client walked away from before they were over. */
    public int closedByClient() {
        return closedByClient.get();
    }

    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(HostileSite::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closing) {
                    throw new UncheckedIOException("hostile site stopped accepting", e);
                }
            }
        }
    }

    /** HTTP/1.1 with keep-alive: requests on one connection until either side closes it. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = new Counting(socket.getOutputStream());
            Optional<Request> request;
            while (!closing && (request = readRequest(in)).isPresent()) {
                requested.add(request.get().target());
                if (!answer(socket, out, request.get())) {
                    return;
                }
            }
        } catch (IOException e) {
            // a client that goes away between requests is a normal end
        } finally {
            open.remove(socket);
        }
    }

    /** @return whether the connection can carry another request */
    private boolean answer(Socket socket, OutputStream out, Request request) {
        String path = pathOf(request.target());
        Site.Response page = find(request.target()).orElse(null);
        Answer answer = replaced.getOrDefault(request.target(), replaced.get(path));
        if (firstRequestOnly.containsKey(path) && firstRequestServed.add(path)) {
            answer = firstRequestOnly.get(path);
        }
        if (answer == null && page != null && everyCompany != null && path.startsWith("/stocks/")) {
            answer = everyCompany;
        }
        if (answer == null) {
            answer = Answer.page();
        }
        long before = bytesSent.get();
        Outcome outcome;
        try {
            outcome = send(socket, out, request, answer, page);
        } catch (IOException e) {
            outcome = closing ? Outcome.SITE_CLOSED : Outcome.CLIENT_CLOSED;
            if (!closing) {
                closedByClient.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.SITE_CLOSED;
        }
        served.add(new Served(request.target(), answer.kind(), bytesSent.get() - before, outcome));
        return outcome == Outcome.COMPLETE && !request.close()
                && answer.kind() != Answer.Kind.ENDLESS_CHUNKED && answer.kind() != Answer.Kind.TRICKLE;
    }

    private Outcome send(Socket socket, OutputStream out, Request request, Answer answer, Site.Response page)
            throws IOException, InterruptedException {
        if (page == null && answer.kind() != Answer.Kind.REDIRECT_LOOP) {
            head(out, 404, "text/plain", NOT_FOUND.length, "");
            out.write(NOT_FOUND);
            out.flush();
            return Outcome.COMPLETE;
        }
        switch (answer.kind()) {
            case PAGE -> {
                head(out, page.status(), page.contentType(), page.body().length, "");
                out.write(page.body());
            }
            case BODY -> {
                Site.Response body = answer.body().orElseThrow();
                head(out, body.status(), body.contentType(), body.body().length, "");
                out.write(body.body());
            }
            case TRICKLE -> {
                head(out, page.status(), page.contentType(), page.body().length, "");
                out.flush();
                for (byte b : page.body()) {
                    Thread.sleep(answer.interval().toMillis());
                    out.write(b);
                    out.flush();
                }
            }
            case ENDLESS_CHUNKED -> {
                head(out, 200, page.contentType(), -1, "Transfer-Encoding: chunked\r\n");
                byte[] chunk = filler(BLOCK);
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (!closing) {
                    out.write(size);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                }
                return Outcome.SITE_CLOSED;
            }
            case HUGE -> {
                long total = Math.max(answer.size(), page.body().length);
                head(out, 200, page.contentType(), total, "");
                out.write(page.body());
                writePadding(out, total - page.body().length);
            }
            case GZIP_BOMB -> {
                byte[] bomb = gzipBomb(page.body(), answer.size());
                head(out, 200, page.contentType(), bomb.length, "Content-Encoding: gzip\r\n");
                out.write(bomb);
            }
            case REDIRECT_LOOP -> {
                int hop = hopOf(request.target()) + 1;
                head(out, 302, "text/plain", 0, "Location: " + pathOf(request.target()) + "?hop=" + hop + "\r\n");
            }
            case RESET -> {
                long cut = Math.min(answer.size(), page.body().length);
                if (cut > 0) {
                    head(out, page.status(), page.contentType(), page.body().length, "");
                    out.write(page.body(), 0, (int) cut);
                    out.flush();
                }
                socket.setSoLinger(true, 0); // close() now sends RST, not FIN
                socket.close();
                return Outcome.RESET_BY_SITE;
            }
            default -> throw new IllegalStateException("unknown answer " + answer.kind());
        }
        out.flush();
        return Outcome.COMPLETE;
    }

    private static void head(OutputStream out, int status, String contentType, long length, String extra) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append(extra).append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 302 -> "Found";
            case 404 -> "Not Found";
            default -> "Status";
        };
    }

    /** HTML-looking filler: a comment that a parser skips. */
    private static byte[] filler(int size) {
        byte[] block = new byte[size];
        java.util.Arrays.fill(block, (byte) 'x');
        byte[] open = "<!--".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "-->\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, block, 0, open.length);
        System.arraycopy(close, 0, block, size - close.length, close.length);
        return block;
    }

    private static void writePadding(OutputStream out, long bytes) throws IOException {
        byte[] block = filler(BLOCK);
        long left = bytes;
        while (left > 0) {
            int n = (int) Math.min(block.length, left);
            out.write(block, 0, n);
            left -= n;
        }
    }

    /** The page, then spaces up to {@code inflated} bytes, gzipped; made once per size. */
    static byte[] gzipBomb(byte[] page, long inflated) {
        return GZIP_BOMBS.computeIfAbsent(inflated + ":" + java.util.Arrays.hashCode(page), key -> {
            long size = inflated;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, BLOCK)) {
                gzip.write(page);
                byte[] spaces = new byte[BLOCK];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (long left = size - page.length; left > 0; left -= spaces.length) {
                    gzip.write(spaces, 0, (int) Math.min(spaces.length, left));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        });
    }

    /** Exact target, then the percent-decoded path with the query, then the path's any-query page. */
    private Optional<Site.Response> find(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q);
        for (String key : List.of(target, decode(path) + query, path + "?*", decode(path) + "?*")) {
            Site.Response page = pages.get(key);
            if (page != null) {
                return Optional.of(page);
            }
        }
        return Optional.empty();
    }

    private static String pathOf(String target) {
        int q = target.indexOf('?');
        return decode(q < 0 ? target : target.substring(0, q));
    }

    private static int hopOf(String target) {
        int at = target.indexOf("hop=");
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(target.substring(at + 4).replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String decode(String path) {
        return java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private record Request(String target, boolean close) {
    }

    /** The request head (line and headers), at most 16 KB; empty when the client closed first. */
    private static Optional<Request> readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
            if (head.size() > MAX_REQUEST_HEAD) {
                throw new IOException("request head over " + MAX_REQUEST_HEAD + " bytes");
            }
        }
        if (matched < 4) {
            return Optional.empty();
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            throw new IOException("not an HTTP request: " + lines[0]);
        }
        boolean close = false;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("connection:") && line.toLowerCase(Locale.ROOT).contains("close")) {
                close = true;
            }
        }
        return Optional.of(new Request(requestLine[1], close));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Counts every byte that reaches the socket. */
    private final class Counting extends OutputStream {
        private final OutputStream out;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytesSent.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytesSent.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Which pages are replaced, and by what. */
    public static final class Builder {
        private final List<CompanyFacts> companies;
        private final Map<String, Answer> replaced = new LinkedHashMap<>();
        private final Map<String, Answer> firstRequestOnly = new LinkedHashMap<>();
        private Answer everyCompany;

        private Builder(List<CompanyFacts> companies) {
            this.companies = new ArrayList<>(companies);
        }

        /** The page of the {@code index}-th company (0-based) answers this instead. */
        public Builder company(int index, Answer answer) {
            return replace(companies.get(index).pagePath(), answer);
        }

        /** This path (any query) or exact path-and-query answers this instead. */
        public Builder replace(String pathOrTarget, Answer answer) {
            replaced.put(pathOrTarget, answer);
            return this;
        }

        /**
         * The first request for this path (any query) answers this instead; the ones after it are
         * answered as they would be without it (a page that is slow once: a hedge's race).
         */
        public Builder firstRequest(String path, Answer answer) {
            firstRequestOnly.put(path, answer);
            return this;
        }

        /** Every company page not replaced one by one answers this. */
        public Builder everyCompany(Answer answer) {
            this.everyCompany = answer;
            return this;
        }

        /** The path of the {@code index}-th company's page. */
        public String companyPath(int index) {
            return companies.get(index).pagePath();
        }

        public HostileSite start() {
            try {
                return new HostileSite(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the hostile site", e);
            }
        }
    }
}
