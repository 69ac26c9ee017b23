package ru.sp500rub.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SiteClient against servers of our own on 127.0.0.1: every bound, every typed failure. */
class SiteClientTest {

    private static final long MB = 1 << 20;
    private final SiteClient client = new SiteClient(ClientSettings.defaults()
            .withAttemptTimeout(Duration.ofSeconds(2)).withMaxBodyBytes(MB));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sendsItsUserAgentAsksForGzipAndDecodesIt() throws Exception {
        byte[] page = "<html>3M</html>".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (RawHttpServer server = new RawHttpServer((request, socket, out) ->
                RawHttpServer.answer(out, 200, "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n", gzip(page)))) {
            Response response = client.get(server.url("/stocks/mmm-stock"));

            assertThat(response.body()).isEqualTo(page);
            assertThat(response.contentType()).contains("text/html; charset=utf-8");
            RawHttpServer.Request request = server.requests.get(0);
            assertThat(request.header("User-Agent")).isEqualTo(ClientSettings.DEFAULT_USER_AGENT).startsWith("sp500-rub/");
            assertThat(request.header("Accept-Encoding")).isEqualTo("gzip");
        }
    }

    @Test
    void aPageThatTricklesFailsAtTheAttemptDeadline() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(200);
            }
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get(server.url("/slow")))
                    .isInstanceOfSatisfying(RetryableFetchException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RetryableFetchException.Kind.TIMEOUT);
                        assertThat(e.isPushback()).isTrue();
                    })
                    .hasMessageContaining("body incomplete after")
                    .hasMessageContaining("within the attempt deadline of 2 s")
                    .hasMessageContaining("/slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void anEndlessChunkedBodyStopsAtTheCap() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 100_000; i++) { // 6.5 GB if nobody stops reading
                out.write(chunk);
            }
        })) {
            assertThatThrownBy(() -> client.get(server.url("/endless")))
                    .isInstanceOf(DeterministicFetchException.class)
                    .hasMessageStartingWith("page larger than 1048576 bytes from http://127.0.0.1:");
            assertThat(server.clientClosed.await(5, TimeUnit.SECONDS)).as("the connection was dropped, not drained").isTrue();
        }
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedBeforeReading() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + 50 * MB + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttpServer.waitForClientClose(socket, 10_000);
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get(server.url("/huge")))
                    .isInstanceOf(DeterministicFetchException.class)
                    .hasMessageStartingWith("page larger than 1048576 bytes");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aGzipBombIsStoppedAtTheDecodedCap() throws Exception {
        byte[] bomb = gzip(new byte[(int) (100 * MB)]); // about 100 KB on the wire
        assertThat(bomb.length).isLessThan((int) MB);
        try (RawHttpServer server = new RawHttpServer((request, socket, out) ->
                RawHttpServer.answer(out, 200, "Content-Encoding: gzip\r\n", bomb))) {
            assertThatThrownBy(() -> client.get(server.url("/bomb")))
                    .isInstanceOf(DeterministicFetchException.class)
                    .hasMessageStartingWith("page larger than 1048576 bytes");
        }
    }

    @Test
    void badGzipIsDeterministic() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) ->
                RawHttpServer.answer(out, 200, "Content-Encoding: gzip\r\n", "not gzip at all".getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> client.get(server.url("/bad")))
                    .isInstanceOf(DeterministicFetchException.class)
                    .hasMessageStartingWith("bad gzip body");
        }
    }

    @Test
    void redirectsAreFollowedAndBounded() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            String to = switch (request.target()) {
                case "/moved" -> "/final";
                case "/a" -> "/b";
                case "/b" -> "/a";
                case "/ftp" -> "ftp://127.0.0.1/x";
                default -> request.target().startsWith("/hop") ? "/hop" + (Integer.parseInt(request.target().substring(4)) + 1) : null;
            };
            if (to == null) {
                RawHttpServer.answer(out, 200, "", "final".getBytes(StandardCharsets.UTF_8));
            } else {
                RawHttpServer.answer(out, 302, "Location: " + to + "\r\n", new byte[0]);
            }
        })) {
            Response moved = client.get(server.url("/moved"));
            assertThat(new String(moved.body(), StandardCharsets.UTF_8)).isEqualTo("final");
            assertThat(moved.url().getPath()).isEqualTo("/final");

            assertThatThrownBy(() -> client.get(server.url("/a")))
                    .isInstanceOf(DeterministicFetchException.class).hasMessageStartingWith("redirect loop");
            assertThatThrownBy(() -> client.get(server.url("/hop1")))
                    .isInstanceOf(DeterministicFetchException.class).hasMessageStartingWith("more than 5 redirects");
            assertThatThrownBy(() -> client.get(server.url("/ftp")))
                    .isInstanceOf(DeterministicFetchException.class).hasMessageStartingWith("unsupported scheme \"ftp\"");
        }
    }

    @Test
    void aResetIsRetryableAndNotPushback() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            socket.setSoLinger(true, 0);
            socket.close();
        })) {
            assertThatThrownBy(() -> client.get(server.url("/reset")))
                    .isInstanceOfSatisfying(RetryableFetchException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RetryableFetchException.Kind.CONNECTION);
                        assertThat(e.isPushback()).isFalse();
                    });
        }
    }

    @Test
    void statusesAreTyped() throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            switch (request.target()) {
                case "/429" -> RawHttpServer.answer(out, 429, "Retry-After: 7\r\n", "slow down".getBytes(StandardCharsets.UTF_8));
                case "/503" -> RawHttpServer.answer(out, 503, "", new byte[0]);
                case "/500" -> RawHttpServer.answer(out, 500, "", new byte[0]);
                case "/empty" -> RawHttpServer.answer(out, 200, "", new byte[0]);
                default -> RawHttpServer.answer(out, 404, "", "no".getBytes(StandardCharsets.UTF_8));
            }
        })) {
            assertThatThrownBy(() -> client.get(server.url("/429")))
                    .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
            assertThatThrownBy(() -> client.get(server.url("/503")))
                    .isInstanceOfSatisfying(RetryableFetchException.class, e -> assertThat(e.isPushback()).isTrue());
            assertThatThrownBy(() -> client.get(server.url("/500")))
                    .isInstanceOfSatisfying(RetryableFetchException.class, e -> assertThat(e.isPushback()).isFalse());
            assertThatThrownBy(() -> client.get(server.url("/empty")))
                    .isInstanceOfSatisfying(RetryableFetchException.class,
                            e -> assertThat(e.kind()).isEqualTo(RetryableFetchException.Kind.EMPTY));
            assertThatThrownBy(() -> client.get(server.url("/gone")))
                    .isInstanceOfSatisfying(DeterministicFetchException.class, e -> assertThat(e.status()).isEqualTo(404));
            // the error answers were read, so one connection served them all
            assertThat(server.requests).hasSize(5);
        }
    }

    @Test
    void aCancelledAttemptClosesItsConnection() throws Exception {
        CountDownLatch halfSent = new CountDownLatch(1);
        AtomicBoolean serverSawClose = new AtomicBoolean();
        CountDownLatch checked = new CountDownLatch(1);
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nhalf".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            halfSent.countDown();
            serverSawClose.set(RawHttpServer.waitForClientClose(socket, 5_000));
            checked.countDown();
            socket.close();
        })) {
            SiteClient.Call call = client.call(server.url("/loser"));
            CompletableFuture<Response> attempt = CompletableFuture.supplyAsync(() -> {
                try {
                    return call.execute();
                } catch (FetchException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(halfSent.await(5, TimeUnit.SECONDS)).isTrue();
            call.cancel();

            assertThatThrownBy(() -> attempt.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CancellationException.class);
            assertThat(checked.await(6, TimeUnit.SECONDS)).isTrue();
            assertThat(serverSawClose).as("the server saw the loser's socket closed").isTrue();
            assertThat(call.isCancelled()).isTrue();
        }
    }

    @Test
    void connectsFromTheConfiguredLocalAddress() throws Exception {
        InetAddress local = InetAddress.getByName("127.0.0.2");
        try (SiteClient fromSecond = new SiteClient(ClientSettings.defaults().withLocalAddress(local));
             RawHttpServer server = new RawHttpServer((request, socket, out) ->
                     RawHttpServer.answer(out, 200, "", request.client().getHostAddress().getBytes(StandardCharsets.UTF_8)))) {
            Response response = fromSecond.get(server.url("/who"));
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("127.0.0.2");
        }
    }

    @Test
    void aUserAgentWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> ClientSettings.defaults().withUserAgent("bot\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\\u000d");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
