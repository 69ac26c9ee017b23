package ru.sp500rub.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The third-party replay of the site from {@code ../shared/replay}: built once into a folder and served
 * by its own Python server on 127.0.0.1. Tests that use it skip when ../shared or python3 is absent.
 */
final class ReplaySite implements AutoCloseable {

    static final Path SHARED = Path.of("..", "shared");
    private final Process server;
    private final String baseUrl;

    private ReplaySite(Process server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    static Path build(Path dir) throws IOException, InterruptedException {
        Path script = SHARED.resolve("replay").resolve("build-site.py");
        assumeTrue(Files.isRegularFile(script), "no replay scripts at " + script.toAbsolutePath().normalize());
        assumeTrue(python3Available(), "python3 is not installed");
        Process build = new ProcessBuilder("python3", script.toString(), dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException("build-site.py failed for " + dir);
        }
        return dir;
    }

    /** Serves {@code site} with the given extra serve.py options (latency, faults...). */
    static ReplaySite serve(Path site, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", SHARED.resolve("replay").resolve("serve.py").toString(),
                site.toString(), "--port", "0"));
        command.addAll(List.of(options));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("listening ")) {
            server.destroyForcibly();
            throw new IllegalStateException("serve.py did not start: " + first);
        }
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "serve.py-stdout");
        drain.setDaemon(true);
        drain.start();
        return new ReplaySite(server, first.substring("listening ".length()).trim());
    }

    String indexUrl() {
        return baseUrl + "/index/components/s&p_500";
    }

    String cbrUrl() {
        return baseUrl + "/scripts/XML_daily.asp";
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    private static boolean python3Available() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
