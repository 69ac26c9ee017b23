package ru.sp500rub.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Java replay against the project's Python one in {@code ../shared/replay}: it serves the
 * folder build-site.py writes byte for byte, answers every request as serve.py does, and serve.py can
 * serve what {@link ResponseRecorder} writes. Skipped where shared/ or python3 is not there.
 */
class PythonReplayTest {
    private static final List<String> TARGETS = List.of(
            "/index/components/s&p_500?p=1", "/index/components/s%26p_500?p=1", "/index/components/s&p_500",
            "/index/components/s&p_500?p=11", "/index/components/s&p_500?p=12", "/stocks/mmm-stock",
            "/stocks/nvr-stock", "/stocks/find-stocks", "/scripts/XML_daily.asp",
            "/scripts/XML_daily.asp?date_req=31/12/2021", "/nothing/here");

    private static Path replayScripts;
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    static Path builtSite;

    @BeforeAll
    static void buildThePythonReplay() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        replayScripts = basedir.resolve("../shared/replay").normalize();
        assumeTrue(Files.isRegularFile(replayScripts.resolve("build-site.py")), "no ../shared/replay here");
        assumeTrue(pythonAvailable(), "no python3 here");
        Process build = new ProcessBuilder("python3", replayScripts.resolve("build-site.py").toString(), builtSite.toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(build.exitValue()).as(output).isZero();
    }

    @Test
    void servesTheBuiltFolderByteForByte() throws Exception {
        SiteManifest manifest = SiteManifest.read(builtSite);
        assertThat(manifest.routes()).hasSizeGreaterThan(500);
        try (ReplayServer server = ReplayServer.serveFolder(builtSite, Duration.ZERO)) {
            HttpResponse<byte[]> page1 = get(server.baseUri(), "/index/components/s&p_500?p=1");
            assertThat(page1.statusCode()).isEqualTo(200);
            assertThat(page1.body()).isEqualTo(Files.readAllBytes(builtSite.resolve("index/components_p1.html")));

            HttpResponse<byte[]> xml = get(server.baseUri(), "/scripts/XML_daily.asp?date_req=31/12/2021");
            assertThat(xml.statusCode()).isEqualTo(200);
            assertThat(xml.headers().firstValue("Content-Type")).hasValue("application/xml; charset=windows-1251");
            assertThat(xml.body()).isEqualTo(Files.readAllBytes(builtSite.resolve("cbr/XML_daily.xml")));
        }
    }

    @Test
    void answersEveryRequestAsServePyDoes() throws Exception {
        try (ReplayServer java = ReplayServer.serveFolder(builtSite, Duration.ZERO);
             ServePy python = ServePy.start(replayScripts, builtSite)) {
            for (String target : TARGETS) {
                assertSameAnswer(target, get(java.baseUri(), target), get(python.baseUri, target));
            }
        }
    }

    @Test
    void servePyServesARecordedFolder(@TempDir Path recorded) throws Exception {
        byte[] page = Files.readAllBytes(builtSite.resolve("index/components_p1.html"));
        byte[] xml = Files.readAllBytes(builtSite.resolve("cbr/XML_daily.xml"));
        try (ResponseRecorder recorder = new ResponseRecorder(recorded)) {
            recorder.record(URI.create("https://markets.businessinsider.com/index/components/s&p_500?p=1"), 200,
                    "text/html; charset=utf-8", page);
            recorder.record(URI.create("https://www.cbr.ru/scripts/XML_daily.asp?date_req=31/12/2021"), 200,
                    "application/xml; charset=windows-1251", xml);
        }
        try (ReplayServer java = ReplayServer.serveFolder(recorded, Duration.ZERO);
             ServePy python = ServePy.start(replayScripts, recorded)) {
            for (String target : List.of("/index/components/s%26p_500?p=1", "/scripts/XML_daily.asp?date_req=01/01/2022")) {
                HttpResponse<byte[]> fromPython = get(python.baseUri, target);
                assertThat(fromPython.statusCode()).as(target).isEqualTo(200);
                assertSameAnswer(target, get(java.baseUri(), target), fromPython);
            }
        }
    }

    private static void assertSameAnswer(String target, HttpResponse<byte[]> java, HttpResponse<byte[]> python) {
        assertThat(java.statusCode()).as(target).isEqualTo(python.statusCode());
        assertThat(java.headers().firstValue("Content-Type")).as(target)
                .isEqualTo(python.headers().firstValue("Content-Type"));
        assertThat(java.body()).as(target).isEqualTo(python.body());
    }

    private HttpResponse<byte[]> get(URI base, String target) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + target)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static boolean pythonAvailable() {
        try {
            Process version = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** serve.py on a free port; its first line says where. */
    private static final class ServePy implements AutoCloseable {
        final Process process;
        final URI baseUri;

        private ServePy(Process process, URI baseUri) {
            this.process = process;
            this.baseUri = baseUri;
        }

        static ServePy start(Path scripts, Path site) throws IOException {
            Process process = new ProcessBuilder("python3", scripts.resolve("serve.py").toString(), site.toString(),
                    "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening ")) {
                process.destroyForcibly();
                throw new IllegalStateException("serve.py did not start: " + first);
            }
            return new ServePy(process, URI.create(first.substring("listening ".length()).strip()));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
