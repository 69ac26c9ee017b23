package ru.sp500rub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseRecorderTest {
    private static final String LIVE = "https://markets.businessinsider.com";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CBR_TYPE = "application/xml; charset=windows-1251";
    private static final byte[] INDEX = bytes("<html>index page 1</html>");
    private static final byte[] OLD_MMM = bytes("<html>3M, first fetch</html>");
    private static final byte[] MMM = bytes("<html>3M, second fetch</html>");
    private static final byte[] CBR = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ValCurs Date=\"31.12.2021\"/>"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOSTILE = bytes("not a password file");

    @TempDir
    Path temp;

    @Test
    void aRecordedFolderReloadsAndServesTheSameBytes() throws Exception {
        Path dir = temp.resolve("recorded");
        URI hostile = new URI("http", null, "markets.businessinsider.com", -1, "/stocks/../../etc/passwd", "x=<>", null);
        try (ResponseRecorder recorder = new ResponseRecorder(dir)) {
            recorder.record(URI.create(LIVE + "/index/components/s&p_500?p=1"), 200, HTML, INDEX);
            recorder.record(URI.create(LIVE + "/stocks/mmm-stock"), 200, HTML, OLD_MMM);
            recorder.record(URI.create("https://www.cbr.ru/scripts/XML_daily.asp?date_req=31/12/2021"), 200, CBR_TYPE, CBR);
            recorder.record(hostile, 200, "text/plain", HOSTILE);
            recorder.record(URI.create(LIVE + "/stocks/mmm-stock"), 200, HTML, MMM);
        }

        SiteManifest manifest = SiteManifest.read(dir);
        assertThat(manifest.routes()).extracting(SiteManifest.Route::pathAndQuery).containsExactly(
                "/index/components/s&p_500?p=1", "/scripts/XML_daily.asp", "/scripts/XML_daily.asp?*",
                "/stocks/../../etc/passwd?x=%3C%3E", "/stocks/mmm-stock");
        try (ReplayServer server = ReplayServer.serveFolder(dir, Duration.ZERO)) {
            assertThat(get(server, "/index/components/s&p_500?p=1")).isEqualTo(INDEX);
            assertThat(get(server, "/index/components/s%26p_500?p=1")).isEqualTo(INDEX);
            assertThat(get(server, "/stocks/mmm-stock")).isEqualTo(MMM);
            assertThat(get(server, "/scripts/XML_daily.asp?date_req=06/01/2022")).isEqualTo(CBR);
            assertThat(get(server, "/scripts/XML_daily.asp")).isEqualTo(CBR);
            assertThat(get(server, "/stocks/../../etc/passwd?x=%3C%3E")).isEqualTo(HOSTILE);
        }
    }

    @Test
    void bodiesStayDirectlyInsideTheFolderWhateverThePath() throws Exception {
        Path dir = temp.resolve("recorded");
        try (ResponseRecorder recorder = new ResponseRecorder(dir)) {
            recorder.record(new URI("http", null, "h", -1, "/stocks/../../etc/passwd", "x=<>", null), 200, HTML, HOSTILE);
            recorder.record(URI.create("http://h/stocks/%2E%2E%2F%2E%2E%2Fescape"), 200, HTML, HOSTILE);
            recorder.record(URI.create("http://h/..%5C..%5Cwindows"), 200, HTML, HOSTILE);
            recorder.record(URI.create("http://h/a%09b%0Ac"), 200, HTML, HOSTILE);
        }

        try (Stream<Path> outside = Files.list(temp)) {
            assertThat(outside).containsExactly(dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> !p.equals(dir)))
                    .allSatisfy(p -> {
                        assertThat(p.getParent()).isEqualTo(dir);
                        assertThat(p.getFileName().toString()).matches("[a-z0-9-]+(\\.[a-z]+)?");
                    });
        }
        assertThat(SiteManifest.read(dir).routes()).hasSize(4)
                .allSatisfy(route -> assertThat(dir.resolve(route.file())).isRegularFile());
    }

    @Test
    void beforeCloseTheManifestIsAppendedAndAlreadyServableWithLastWins() throws Exception {
        Path dir = temp.resolve("recorded");
        try (ResponseRecorder recorder = new ResponseRecorder(dir)) {
            recorder.record(URI.create(LIVE + "/stocks/mmm-stock"), 200, HTML, OLD_MMM);
            recorder.record(URI.create(LIVE + "/stocks/mmm-stock"), 200, HTML, MMM);

            List<String> lines = Files.readAllLines(dir.resolve(SiteManifest.FILE_NAME));
            assertThat(lines).hasSize(3).first().isEqualTo(SiteManifest.HEADER);
            try (ReplayServer server = ReplayServer.serveFolder(dir, Duration.ZERO)) {
                assertThat(get(server, "/stocks/mmm-stock")).isEqualTo(MMM);
            }

            recorder.flush();
            assertThat(Files.readAllLines(dir.resolve(SiteManifest.FILE_NAME))).hasSize(2);
            recorder.record(URI.create(LIVE + "/stocks/aos-stock"), 404, "text/plain", bytes("gone"));
        }
        assertThat(Files.readAllLines(dir.resolve(SiteManifest.FILE_NAME))).containsExactly(
                SiteManifest.HEADER,
                "/stocks/mmm-stock\t200\t" + HTML + "\t" + ResponseRecorder.fileNameFor("/stocks/mmm-stock", HTML),
                "/stocks/aos-stock\t404\ttext/plain\t" + ResponseRecorder.fileNameFor("/stocks/aos-stock", "text/plain"));
    }

    @Test
    void aLaterRecorderCarriesOnAnEarlierRecording() {
        Path dir = temp.resolve("recorded");
        try (ResponseRecorder first = new ResponseRecorder(dir)) {
            first.record(URI.create(LIVE + "/stocks/mmm-stock"), 200, HTML, MMM);
        }
        try (ResponseRecorder second = new ResponseRecorder(dir)) {
            second.record(URI.create(LIVE + "/stocks/aos-stock"), 200, HTML, OLD_MMM);
        }

        assertThat(SiteManifest.read(dir).routes()).extracting(SiteManifest.Route::pathAndQuery)
                .containsExactly("/stocks/mmm-stock", "/stocks/aos-stock");
    }

    @Test
    void concurrentRecordingsAllLandInTheManifest() throws Exception {
        Path dir = temp.resolve("recorded");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ResponseRecorder recorder = new ResponseRecorder(dir)) {
            for (int i = 0; i < 400; i++) {
                int n = i;
                pool.execute(() -> recorder.record(URI.create(LIVE + "/stocks/c" + n + "-stock"), 200, HTML,
                        bytes("company " + n)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        SiteManifest manifest = SiteManifest.read(dir);
        assertThat(manifest.routes()).hasSize(400);
        assertThat(Files.readAllBytes(dir.resolve(manifest.route("/stocks/c123-stock").orElseThrow().file())))
                .isEqualTo(bytes("company 123"));
    }

    private static byte[] get(ReplayServer server, String target) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUri() + target)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(target).isEqualTo(200);
        return response.body();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
