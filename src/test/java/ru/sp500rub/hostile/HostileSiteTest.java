package ru.sp500rub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/** The fixture itself: each hostile answer is what it says, and the site records what it saw. */
class HostileSiteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private HostileSite site;

    @AfterEach
    void close() {
        if (site != null) {
            site.close();
        }
    }

    private HttpResponse<InputStream> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(site.baseUri() + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void theDemoSiteIsServedAsItIsWhereNothingIsReplaced() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(50);
        site = builder.start();

        HttpResponse<InputStream> index = get("/index/components/s%26p_500?p=2");
        String page = new String(index.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(page).contains(builder.companyPath(DemoSite.ROWS_PER_PAGE));
        HttpResponse<InputStream> cbr = get(DemoSite.CBR_PATH + "?date_req=01/12/2026");
        assertThat(new String(cbr.body().readAllBytes(), "windows-1251")).contains("<ValCurs", "R01235");
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(site.requests()).containsExactly("/index/components/s%26p_500?p=2",
                DemoSite.CBR_PATH + "?date_req=01/12/2026", "/nowhere");
        assertThat(site.served()).allMatch(s -> s.outcome() == HostileSite.Outcome.COMPLETE);
    }

    @Test
    void aTricklingPageSendsItsRealLengthThenOneByteAtATime() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(3).company(0, HostileSite.Answer.trickle(Duration.ofMillis(100)));
        site = builder.start();

        HttpResponse<InputStream> page = get(builder.companyPath(0));
        assertThat(page.headers().firstValueAsLong("Content-Length").orElseThrow()).isGreaterThan(1_000);
        long start = System.nanoTime();
        int got = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(600)) {
            if (page.body().read() >= 0) {
                got++;
            }
        }
        assertThat(got).isBetween(1, 20); // the whole page is over 1,000
        page.body().close();
        awaitClosedByClient(1);
    }

    @Test
    void anEndlessChunkedPageGoesOnUntilTheClientHangsUp() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(3).company(1, HostileSite.Answer.endlessChunked());
        site = builder.start();

        HttpResponse<InputStream> page = get(builder.companyPath(1));
        assertThat(page.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        long read = page.body().readNBytes(20 * 1024 * 1024).length;
        page.body().close();

        assertThat(read).isEqualTo(20L * 1024 * 1024);
        assertThat(site.bytesSent()).isGreaterThan(20L * 1024 * 1024);
        awaitClosedByClient(1);
        assertThat(site.served()).singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo(HostileSite.Outcome.CLIENT_CLOSED));
    }

    @Test
    void aHugePageIsTheRealPagePaddedToItsStatedLength() throws Exception {
        long size = 50L * 1024 * 1024;
        HostileSite.Builder builder = HostileSite.demo(3).company(2, HostileSite.Answer.huge(size));
        site = builder.start();

        HttpResponse<InputStream> page = get(builder.companyPath(2));
        byte[] start = page.body().readNBytes(4096);
        long total = start.length + page.body().transferTo(OutputStream.nullOutputStream());

        assertThat(page.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(total).isEqualTo(size);
        assertThat(new String(start, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void everyCompanyCanBeMadeHuge() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(3).everyCompany(HostileSite.Answer.huge(2_000_000));
        site = builder.start();
        for (int i = 0; i < 3; i++) {
            assertThat(get(builder.companyPath(i)).headers().firstValueAsLong("Content-Length")).hasValue(2_000_000);
        }
        assertThat(get(DemoSite.INDEX_PATH).headers().firstValueAsLong("Content-Length").orElseThrow()).isLessThan(2_000_000);
    }

    @Test
    void aGzipBombIsSmallOnTheWireAndHugeInflated() throws Exception {
        long inflated = 64L * 1024 * 1024;
        HostileSite.Builder builder = HostileSite.demo(3).company(0, HostileSite.Answer.gzipBomb(inflated));
        site = builder.start();

        HttpResponse<InputStream> page = get(builder.companyPath(0));
        long wire = page.headers().firstValueAsLong("Content-Length").orElseThrow();
        long out;
        try (InputStream body = new GZIPInputStream(page.body())) {
            out = body.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(wire).isLessThan(inflated / 200);
        assertThat(out).isEqualTo(inflated);
    }

    @Test
    void aRedirectLoopNeverPointsAtTheSameUrlTwice() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(3).company(0, HostileSite.Answer.redirectLoop());
        site = builder.start();

        String path = builder.companyPath(0);
        HttpResponse<InputStream> first = get(path);
        HttpResponse<InputStream> second = get(first.headers().firstValue("Location").orElseThrow());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue(path + "?hop=1");
        assertThat(second.headers().firstValue("Location")).hasValue(path + "?hop=2");
    }

    @Test
    void aResetAnswersNothingAndTheClientSeesAReset() throws Exception {
        HostileSite.Builder builder = HostileSite.demo(3).company(0, HostileSite.Answer.reset(0));
        site = builder.start();

        try (Socket socket = new Socket(site.baseUri().getHost(), site.baseUri().getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET " + builder.companyPath(0) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        // the site records the answer once it has closed the socket: the client may see the reset first
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (site.served().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(site.served()).singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo(HostileSite.Outcome.RESET_BY_SITE));
    }

    @Test
    void aChosenAnswerReplacesThePageByteForByte() throws Exception {
        Site.Response cbr = HostileSite.rewritten(HostileSite.demoResponse(DemoSite.CBR_PATH), "Date=\"[0-9.]+\"", "Date=\"01.01.2099\"");
        site = HostileSite.demo(3).replace(DemoSite.CBR_PATH, HostileSite.Answer.body(cbr)).start();

        HttpResponse<InputStream> answer = get(DemoSite.CBR_PATH + "?date_req=01/12/2026");
        byte[] body = answer.body().readAllBytes();
        assertThat(body).isEqualTo(cbr.body());
        assertThat(new String(body, "windows-1251")).contains("Date=\"01.01.2099\"", "Доллар США");
    }

    private void awaitClosedByClient(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (site.closedByClient() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(site.closedByClient()).isEqualTo(expected);
    }
}
