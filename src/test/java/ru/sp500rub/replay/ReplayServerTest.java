package ru.sp500rub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayServerTest {
    private static final byte[] PAGE_ONE = "<html>page one</html>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAGE_TWO = "<html>page two</html>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CBR_XML = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ValCurs/>"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path site;

    private final HttpClient client = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(16))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ReplayServer server;

    @BeforeEach
    void writeSite() throws IOException {
        Files.createDirectories(site.resolve("index"));
        Files.write(site.resolve("index/p1.html"), PAGE_ONE);
        Files.write(site.resolve("index/p2.html"), PAGE_TWO);
        Files.write(site.resolve("cbr.xml"), CBR_XML);
        Files.writeString(site.resolve("site.tsv"), String.join("\n",
                SiteManifest.HEADER,
                "/index/components/s&p_500?p=1\t200\ttext/html; charset=utf-8\tindex/p1.html",
                "/index/components/s&p_500\t200\ttext/html; charset=utf-8\tindex/p1.html",
                "/index/components/s&p_500?p=2\t200\ttext/html; charset=utf-8\tindex/p2.html",
                "/scripts/XML_daily.asp\t200\tapplication/xml; charset=windows-1251\tcbr.xml",
                "/scripts/XML_daily.asp?*\t200\tapplication/xml; charset=windows-1251\tcbr.xml",
                ""));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesTheFileWithItsContentType() throws Exception {
        server = ReplayServer.serveFolder(site, Duration.ZERO);

        HttpResponse<byte[]> page = get("/index/components/s&p_500?p=2");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).isEqualTo(PAGE_TWO);
    }

    @Test
    void theEncodedAmpersandAndThePlainOneFindTheSamePage() throws Exception {
        server = ReplayServer.serveFolder(site, Duration.ZERO);

        assertThat(get("/index/components/s%26p_500?p=1").body()).isEqualTo(PAGE_ONE);
        assertThat(get("/index/components/s&p_500?p=1").body()).isEqualTo(PAGE_ONE);
        assertThat(get("/index/components/s%26p_500").body()).isEqualTo(PAGE_ONE);
    }

    @Test
    void anAnyQueryRouteAnswersEveryQueryAndNoQuery() throws Exception {
        server = ReplayServer.serveFolder(site, Duration.ZERO);

        for (String target : List.of("/scripts/XML_daily.asp", "/scripts/XML_daily.asp?date_req=31/12/2021",
                "/scripts/XML_daily.asp?x=1&y=2")) {
            HttpResponse<byte[]> xml = get(target);
            assertThat(xml.statusCode()).as(target).isEqualTo(200);
            assertThat(xml.headers().firstValue("Content-Type")).hasValue("application/xml; charset=windows-1251");
            assertThat(xml.body()).as(target).isEqualTo(CBR_XML);
        }
    }

    @Test
    void unknownPathsAndQueriesAre404() throws Exception {
        server = ReplayServer.serveFolder(site, Duration.ZERO);

        assertThat(get("/stocks/nope-stock").statusCode()).isEqualTo(404);
        assertThat(get("/index/components/s&p_500?p=99").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> missing = get("/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("text/plain");
    }

    @Test
    void otherMethodsThanGetAre405() throws Exception {
        server = ReplayServer.serveFolder(site, Duration.ZERO);

        for (String method : List.of("HEAD", "POST", "DELETE")) {
            HttpRequest request = HttpRequest.newBuilder(uri("/index/components/s&p_500?p=1"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as(method).isEqualTo(405);
        }
    }

    @Test
    void listensOnLoopbackOnlyOnAFreePort() {
        server = ReplayServer.serveFolder(site, Duration.ZERO);

        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    }

    @Test
    void everyAnswerWaitsAtLeastTheLatency() throws Exception {
        Duration latency = Duration.ofMillis(150);
        server = ReplayServer.serveFolder(site, latency);

        long start = System.nanoTime();
        HttpResponse<byte[]> page = get("/index/components/s&p_500?p=1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(page.body()).isEqualTo(PAGE_ONE);
        assertThat(took).isGreaterThanOrEqualTo(latency);
    }

    @Test
    void countsRequestsAndThePeakInFlight() {
        server = ReplayServer.serveFolder(site, Duration.ofMillis(200));

        List<CompletableFuture<HttpResponse<byte[]>>> parallel = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parallel.add(client.sendAsync(HttpRequest.newBuilder(uri("/index/components/s&p_500?p=" + (1 + i % 2))).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        parallel.forEach(response -> assertThat(response.join().statusCode()).isEqualTo(200));

        assertThat(server.requestCount()).isEqualTo(8);
        assertThat(server.peakInFlight()).isBetween(2, 8);
    }

    @Test
    void waitingOutTheLatencyHoldsNoWorkerThread() {
        server = ReplayServer.builder(FolderSite.open(site)).threads(4).latency(Duration.ofMillis(500)).start();
        HttpClient wide = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();

        List<CompletableFuture<HttpResponse<byte[]>>> parallel = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            parallel.add(wide.sendAsync(HttpRequest.newBuilder(uri("/scripts/XML_daily.asp?n=" + i)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        parallel.forEach(response -> assertThat(response.join().body()).isEqualTo(CBR_XML));

        assertThat(server.peakInFlight()).isGreaterThan(4);
    }

    @Test
    void writesAnAccessLogInServePyFormatWithTheClientAddress() throws Exception {
        Path log = site.resolve("access.log");
        server = ReplayServer.builder(FolderSite.open(site)).accessLog(log).start();

        get("/index/components/s%26p_500?p=2");
        get("/stocks/nope-stock");
        server.close();
        server = null;

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d+\\.\\d{4}\t\\d+\\.\\d{4}\t/index/components/s%26p_500\\?p=2\t200\t127\\.0\\.0\\.1");
        assertThat(lines.get(1)).endsWith("\t/stocks/nope-stock\t404\t127.0.0.1");
    }

    @Test
    void servesAnInMemorySite() throws Exception {
        Site memory = Site.of(java.util.Map.of("/hello?*", new Site.Response(200, "text/plain", PAGE_ONE)));
        server = ReplayServer.serve(memory, Duration.ZERO);

        assertThat(get("/hello?anything").body()).isEqualTo(PAGE_ONE);
        assertThat(get("/hello").body()).isEqualTo(PAGE_ONE);
    }

    private HttpResponse<byte[]> get(String target) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(target)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String target) {
        return URI.create(server.baseUri() + target);
    }
}
