package ru.sp500rub.fetch;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * GETs pages from one site with Apache HttpClient 5 (classic), every attempt bounded: a connect timeout,
 * one deadline over the whole attempt (redirects, headers and body: a page that trickles fails at the
 * deadline), a cap on the decoded body, redirects followed here and checked (loop, count, scheme). At
 * the deadline, or when {@link Call#cancel()} is called (a hedge's loser), the request is aborted: its
 * connection is closed at once, never drained.
 *
 * <p>Failures are typed ({@link FetchException}); this class decides nothing about retrying. HttpClient's
 * own retries, redirects, cookies and decompression are off, so that every request is one this class
 * made and every byte is counted.
 */
public final class SiteClient implements Closeable {

    /** Error answers are read this far (to keep the connection); beyond, the connection is dropped. */
    private static final int ERROR_BODY_BYTES = 16 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final ClientSettings settings;
    private final CloseableHttpClient http;
    private final PoolingHttpClientConnectionManager connections;
    private final ScheduledExecutorService deadlines;
    private final Clock clock;

    public SiteClient(ClientSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** The clock dates a Retry-After given as an HTTP date. */
    public SiteClient(ClientSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(settings.connectTimeout()))
                        // a safety net only: the attempt deadline below is what bounds a trickle
                        .setSocketTimeout(timeout(settings.attemptTimeout()))
                        // a standing service reuses connections an hour apart: check one idle for a while
                        // before sending on it, rather than lose a request to a connection the site closed
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new LocalAddressPlanner(settings.localAddress().orElse(null)))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout(settings.attemptTimeout()))
                        .setResponseTimeout(timeout(settings.attemptTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .setUserAgent(settings.userAgent())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fetch-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    public ClientSettings settings() {
        return settings;
    }

    /** A GET not started yet: {@link Call#execute()} runs it on the calling thread, any thread may cancel it. */
    public Call call(URI url) {
        return new Call(url);
    }

    /** One attempt at {@code url}, on this thread. */
    public Response get(URI url) throws FetchException, InterruptedException {
        return call(url).execute();
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }

    /** One attempt: started once, cancellable from any thread. */
    public final class Call {

        private final URI url;
        private volatile HttpGet current;
        private volatile boolean cancelled;
        private volatile boolean timedOut;
        private volatile long bytesRead;
        private volatile boolean headersReceived;

        private Call(URI url) {
            this.url = url;
        }

        public URI url() {
            return url;
        }

        /**
         * Aborts the attempt: the connection in use is closed at once (the server sees it go) and
         * {@link #execute()} throws {@link CancellationException}.
         */
        public void cancel() {
            cancelled = true;
            abortCurrent();
        }

        public boolean isCancelled() {
            return cancelled && !timedOut;
        }

        /**
         * Runs the attempt. Throws {@link CancellationException} when cancelled, a {@link FetchException}
         * when it failed.
         */
        public Response execute() throws FetchException, InterruptedException {
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                timedOut = true;
                abortCurrent();
            }, settings.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS);
            try {
                return follow(url);
            } finally {
                deadline.cancel(false);
            }
        }

        private void abortCurrent() {
            HttpGet request = current;
            if (request != null) {
                request.cancel();
            }
        }

        private Response follow(URI first) throws FetchException, InterruptedException {
            checkScheme(first, first);
            Set<URI> seen = new HashSet<>();
            URI at = first;
            for (int redirects = 0; ; redirects++) {
                seen.add(at.normalize());
                Hop hop = hop(at);
                if (hop.response != null) {
                    return hop.response;
                }
                URI next = hop.redirect;
                checkScheme(next, at);
                if (seen.contains(next.normalize())) {
                    throw new DeterministicFetchException(first, "redirect loop (back to " + Untrusted.quote(next.toString()) + ")", null);
                }
                if (redirects >= settings.maxRedirects()) {
                    throw new DeterministicFetchException(first, "more than " + settings.maxRedirects() + " redirects", null);
                }
                at = next;
            }
        }

        private void checkScheme(URI target, URI from) throws DeterministicFetchException {
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new DeterministicFetchException(from, "unsupported scheme \"" + Untrusted.quote(scheme) + "\" in "
                        + Untrusted.quote(target.toString()), null);
            }
            if (target.getHost() == null) {
                throw new DeterministicFetchException(from, "no host in " + Untrusted.quote(target.toString()), null);
            }
        }

        /** One request of the attempt: either the final response or where it redirects to. */
        private Hop hop(URI target) throws FetchException, InterruptedException {
            HttpGet request = new HttpGet(target);
            request.setHeader("Accept-Encoding", "gzip");
            current = request;
            if (cancelled || timedOut) {
                request.cancel();
            }
            ClassicHttpResponse response = null;
            try {
                response = http.executeOpen(null, request, HttpClientContext.create());
                headersReceived = true;
                return answer(target, request, response);
            } catch (IOException e) {
                request.cancel();
                throw failure(target, e);
            } finally {
                if (response != null) {
                    closeQuietly(response);
                }
            }
        }

        private Hop answer(URI target, HttpGet request, ClassicHttpResponse response) throws FetchException, IOException {
            int status = response.getCode();
            Map<String, List<String>> headers = headersOf(response);
            if (status >= 200 && status < 300) {
                byte[] body = readBody(target, request, response);
                if (body.length == 0) {
                    throw new RetryableFetchException(url, RetryableFetchException.Kind.EMPTY, status, "empty answer (HTTP " + status + ")", null);
                }
                return new Hop(new Response(target, status, headers, body), null);
            }
            discardErrorBody(request, response);
            if (REDIRECTS.contains(status)) {
                return new Hop(null, location(target, response));
            }
            Optional<java.time.Duration> retryAfter = Optional.ofNullable(response.getFirstHeader("Retry-After"))
                    .flatMap(h -> RetryAfter.parse(h.getValue(), clock.instant()));
            if (status == 429 || (status == 503 && retryAfter.isPresent())) {
                throw new ThrottledException(url, status, retryAfter);
            }
            if (status == 503) {
                throw new RetryableFetchException(url, RetryableFetchException.Kind.UNAVAILABLE, 503, Statuses.text(503), null);
            }
            if (status == 408) {
                throw new RetryableFetchException(url, RetryableFetchException.Kind.TIMEOUT, 408, Statuses.text(408), null);
            }
            if (status >= 500 && status < 600) {
                throw new RetryableFetchException(url, RetryableFetchException.Kind.SERVER_ERROR, status, Statuses.text(status), null);
            }
            throw new DeterministicFetchException(url, status, Statuses.text(status), null);
        }

        private URI location(URI target, ClassicHttpResponse response) throws DeterministicFetchException {
            Header location = response.getFirstHeader("Location");
            if (location == null || location.getValue().isBlank()) {
                throw new DeterministicFetchException(url, response.getCode(), Statuses.text(response.getCode()) + " without Location", null);
            }
            try {
                return target.resolve(new URI(location.getValue().strip()));
            } catch (URISyntaxException | IllegalArgumentException bad) {
                throw new DeterministicFetchException(url, "bad redirect Location \"" + Untrusted.quote(location.getValue()) + "\"", null);
            }
        }

        private byte[] readBody(URI target, HttpGet request, ClassicHttpResponse response) throws FetchException, IOException {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return new byte[0];
            }
            long max = settings.maxBodyBytes();
            if (entity.getContentLength() > max) {
                request.cancel(); // read no further, and never drain it on close
                throw tooLarge(max);
            }
            String encoding = Optional.ofNullable(entity.getContentEncoding()).orElse("identity").strip().toLowerCase(Locale.ROOT);
            boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
            if (!gzip && !encoding.equals("identity") && !encoding.isEmpty()) {
                request.cancel();
                throw new DeterministicFetchException(url, "unsupported content encoding \"" + Untrusted.quote(encoding) + "\"", null);
            }
            // Closing an entity stream drains it (an endless page never ends): every way out but a clean
            // end aborts the request first, which closes the connection instead.
            InputStream raw = new CountingStream(entity.getContent());
            boolean clean = false;
            try {
                InputStream decoded = gzip ? new GZIPInputStream(raw, 8192) : raw;
                byte[] body = readCapped(decoded, max, entity.getContentLength());
                clean = raw.read() == -1; // gzip may end before the stream does: never drain what is left
                return body;
            } catch (BodyTooLarge tooLarge) {
                throw tooLarge(max);
            } catch (ZipException | EOFException badGzip) {
                if (!gzip) {
                    throw badGzip;
                }
                throw new DeterministicFetchException(url, "bad gzip body (" + Untrusted.quote(String.valueOf(badGzip.getMessage())) + ")", null);
            } finally {
                if (!clean) {
                    request.cancel();
                }
                try {
                    raw.close();
                } catch (IOException | RuntimeException aborted) {
                    // aborted above: the connection is closed already
                }
            }
        }

        private DeterministicFetchException tooLarge(long max) {
            return new DeterministicFetchException(url, "page larger than " + max + " bytes", null);
        }

        private byte[] readCapped(InputStream in, long max, long declared) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && declared <= max ? (int) declared : 8192);
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > max) {
                    throw new BodyTooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }

        /** A small error answer is read so the connection can serve the next request; a big one costs the connection. */
        private void discardErrorBody(HttpGet request, ClassicHttpResponse response) throws IOException {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return;
            }
            long length = entity.getContentLength();
            if (length < 0 || length > ERROR_BODY_BYTES) {
                request.cancel();
                return;
            }
            try (InputStream in = entity.getContent()) {
                in.readNBytes((int) length);
            }
        }

        private FetchException failure(URI target, IOException e) {
            if (timedOut) {
                String stage = headersReceived ? "body incomplete after " + bytesRead + " bytes" : "no answer";
                return new RetryableFetchException(url, RetryableFetchException.Kind.TIMEOUT,
                        stage + " within the attempt deadline of " + seconds(settings.attemptTimeout()), null);
            }
            if (cancelled) {
                throw new CancellationException("attempt at " + Untrusted.quote(url.toString()) + " cancelled");
            }
            if (e instanceof SocketTimeoutException) {
                return new RetryableFetchException(url, RetryableFetchException.Kind.TIMEOUT, "timed out ("
                        + Untrusted.quote(String.valueOf(e.getMessage())) + ")", null);
            }
            if (e instanceof InterruptedIOException) {
                Thread.currentThread().interrupt();
                return new RetryableFetchException(url, RetryableFetchException.Kind.CONNECTION, "interrupted", null);
            }
            if (e instanceof ConnectException) {
                return new RetryableFetchException(url, RetryableFetchException.Kind.CONNECTION, "cannot connect to "
                        + Untrusted.quote(target.getHost() + ":" + target.getPort()) + " (" + Untrusted.quote(String.valueOf(e.getMessage())) + ")", null);
            }
            if (e instanceof SSLException) {
                return new DeterministicFetchException(url, "TLS failed (" + Untrusted.quote(String.valueOf(e.getMessage())) + ")", null);
            }
            if (e instanceof org.apache.hc.client5.http.ClientProtocolException || e.getCause() instanceof HttpException) {
                return new DeterministicFetchException(url, "bad HTTP answer (" + Untrusted.quote(String.valueOf(e.getMessage())) + ")", null);
            }
            String what = headersReceived ? "answer cut short after " + bytesRead + " bytes" : "connection closed without an answer";
            return new RetryableFetchException(url, RetryableFetchException.Kind.CONNECTION,
                    what + " (" + e.getClass().getSimpleName() + ": " + Untrusted.quote(String.valueOf(e.getMessage())) + ")", null);
        }

        /** Counts the raw bytes read, for a message that says how far a trickling page got. */
        private final class CountingStream extends InputStream {
            private final InputStream in;

            CountingStream(InputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    bytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    bytesRead += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }
    }

    private record Hop(Response response, URI redirect) {
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large", null);
        }
    }

    private static Map<String, List<String>> headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return headers;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException alreadyAborted) {
            // the request was aborted: its connection is closed already
        }
    }

    private static Timeout timeout(Duration d) {
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Connects from the configured local address (http.local-address), or lets the system choose. */
    private static final class LocalAddressPlanner extends DefaultRoutePlanner {
        private final InetAddress local;

        LocalAddressPlanner(InetAddress local) {
            super(DefaultSchemePortResolver.INSTANCE);
            this.local = local;
        }

        @Override
        protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
            return local;
        }
    }
}
