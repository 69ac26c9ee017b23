package ru.sp500rub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad setting, as a new user would give it, through the launcher and the jar: the start stops before
 * any request, with exit code 2 and one line on stderr naming the key, in both modes and from every
 * source; a partial application.properties in the working directory is only a partial override.
 */
class SettingsAtStartIT {

    private static final Path LAUNCHER = Path.of("bin/sp500-rub").toAbsolutePath();
    private static final Path JAR = Path.of("target/sp500-rub.jar").toAbsolutePath();
    private static final String EXPECTED = "sp500-rub: scrape.concurrency must be a whole number from 1 to 256, got \"abc\"";

    @TempDir
    Path work;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void aBadValueOnTheCommandLineStopsTheStartWithItsKeyBeforeOrAfterTheOptions() throws Exception {
        for (List<String> args : List.of(
                List.of("bash", LAUNCHER.toString(), "-Dscrape.concurrency=abc", "--demo", "--once"),
                List.of("bash", LAUNCHER.toString(), "--demo", "--once", "-Dscrape.concurrency=abc"),
                List.of("java", "-jar", JAR.toString(), "--demo", "--once", "-Dscrape.concurrency=abc"),
                List.of("java", "-Dscrape.concurrency=abc", "-jar", JAR.toString(), "--demo", "--once"),
                List.of("java", "-jar", JAR.toString(), "-Dscrape.concurrency=abc"))) { // the standing service
            Run run = run(args, Map.of());

            assertThat(run.exitCode()).as(args + ": " + run.stderr()).isEqualTo(2);
            assertThat(run.stderr().strip()).as(args.toString()).startsWith(EXPECTED).doesNotContain("\n").doesNotContain("Exception");
            assertThat(work.resolve("demo-reports")).as(args.toString()).doesNotExist();
        }
    }

    @Test
    void aBadValueInTheEnvironmentOrTheWorkingDirectorysFileIsNamedWithItsSource() throws Exception {
        Run fromEnvironment = run(List.of("java", "-jar", JAR.toString(), "--demo", "--once"), Map.of("SCRAPE_CONCURRENCY", "abc"));
        Files.writeString(work.resolve("application.properties"), "http.retry-delay=abc\n");
        Run fromFile = run(List.of("java", "-jar", JAR.toString(), "--once"), Map.of());

        assertThat(fromEnvironment.exitCode()).isEqualTo(2);
        assertThat(fromEnvironment.stderr().strip()).isEqualTo(EXPECTED + " (environment variable SCRAPE_CONCURRENCY)");
        assertThat(fromFile.exitCode()).isEqualTo(2);
        assertThat(fromFile.stderr().strip()).startsWith("sp500-rub: http.retry-delay must be a duration")
                .endsWith("got \"abc\" (./application.properties)");
    }

    @Test
    void anApplicationPropertiesNamingOneKeyLeavesTheOthersAtTheirDefaults() throws Exception {
        Files.writeString(work.resolve("application.properties"), "scrape.concurrency=8\n");

        Run run = run(List.of("java", "-jar", JAR.toString(), "--demo", "--once"), Map.of());

        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(work.resolve("demo-reports/top10-price-rub.json")).isRegularFile();
        assertThat(run.stdout()).contains("reports in " + work.resolve("demo-reports").toRealPath());
        // the demo never writes where production reports (and their rate.json) would go: its working
        // directory holds its own folder and nothing else it made
        assertThat(work.resolve("reports")).doesNotExist();
        try (java.util.stream.Stream<Path> made = Files.list(work)) {
            assertThat(made.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("application.properties", "demo-reports", "stdout.txt", "stderr.txt");
        }
    }

    @Test
    void foldersThatCannotWorkTogetherAreRefusedAtStart() throws Exception {
        Run inboxInReports = run(List.of("java", "-jar", JAR.toString(), "--demo", "-Dreports.dir=out", "-Dinbox.dir=out/inbox"), Map.of());
        Run recordIntoReports = run(List.of("java", "-jar", JAR.toString(), "--demo", "--once", "-Dreports.dir=out",
                "--record", "out/recording"), Map.of());
        Files.writeString(work.resolve("a-file"), "x");
        Run inboxUnderAFile = run(List.of("java", "-jar", JAR.toString(), "--demo", "-Dinbox.dir=a-file/inbox"), Map.of());

        assertThat(inboxInReports.exitCode()).isEqualTo(2);
        assertThat(inboxInReports.stderr().strip()).startsWith("sp500-rub: inbox.dir must be a folder outside reports.dir");
        assertThat(recordIntoReports.exitCode()).isEqualTo(2);
        assertThat(recordIntoReports.stderr().strip()).startsWith("sp500-rub: --record ").contains("must be a folder apart from reports.dir");
        assertThat(inboxUnderAFile.exitCode()).isEqualTo(2);
        assertThat(inboxUnderAFile.stderr().strip()).isEqualTo("sp500-rub: inbox.dir cannot be used: Not a directory: "
                + work.resolve("a-file/inbox"));
        assertThat(work.resolve("out")).doesNotExist();
    }

    private Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(work.toFile());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
