package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sp500-rub --once}, as users run it: the first run of a build writes the class-data archive
 * beside the jar, the next one starts from it, and neither says anything about it on the console.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/sp500-rub").toAbsolutePath();
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void theFirstOneShotRunWritesTheClassArchiveAndTheNextStartsFromIt() throws Exception {
        deleteArchives();

        Run first = launch("first");
        List<Path> archives = archives();
        Run second = launch("second");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archives).hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).matches("sp500-rub-\\d+\\.jsa");
        assertThat(archives()).isEqualTo(archives);
        for (Run run : List.of(first, second)) {
            assertThat(run.output()).doesNotContain("[warning]").doesNotContain("[cds");
            assertThat(work.resolve(run.name()).resolve("reports/top10-price-rub.json")).isRegularFile();
        }
    }

    @Test
    void withTheArchiveTurnedOffNoneIsWritten() throws Exception {
        deleteArchives();

        Run run = launch("no-archive", "SP500_RUB_CDS=0");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(archives()).isEmpty();
    }

    private record Run(String name, int exitCode, String output) {
    }

    private Run launch(String name, String... env) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(name));
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(),
                "-Dreports.dir=" + dir.resolve("reports"), "--demo", "--once")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("SP500_RUB_CDS");
        for (String variable : env) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(name, process.exitValue(), output);
    }

    private static List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().startsWith("sp500-rub-")
                    && f.getFileName().toString().contains(".jsa")).sorted().toList();
        }
    }

    private static void deleteArchives() throws IOException {
        for (Path archive : archives()) {
            Files.delete(archive);
        }
    }
}
