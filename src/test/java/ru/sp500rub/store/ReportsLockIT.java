package ru.sp500rub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes on one reports folder: one holds it, the other is told who; kill -9 frees it. */
class ReportsLockIT {

    private static final long WAIT_SECONDS = 60; // a JVM start on a busy 2-core machine
    @TempDir
    Path root;
    private Process holder;

    @AfterEach
    void killHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    @Test
    void oneProcessHoldsTheFolderTheOtherSaysWhoAndAKilledHolderIsTakenOver() throws Exception {
        Path reports = root.resolve("reports");

        holder = start(reports, "hold");
        String held = firstLine(holder);
        assertThat(held).matches("held " + holder.pid() + " since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String since = held.substring(held.indexOf(" since ") + 7);

        Process second = start(reports, "try");
        assertThat(firstLine(second)).isEqualTo("busy: another sp500-rub run holds " + reports + "/: pid " + holder.pid()
                + " since " + since);
        assertThat(second.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);

        // a lock file is outside input: whatever it says reaches the message escaped, in one line
        Files.writeString(reports.resolve(ReportsLock.FILE_NAME), "pid=1\r\n[fake] ERROR \u001b[2J all clear");
        Process forged = start(reports, "try");
        assertThat(firstLine(forged)).isEqualTo("busy: another sp500-rub run holds " + reports
                + "/ (its lock file says \"pid=1\\r\\n[fake] ERROR \\u001B[2J all clear\")");
        forged.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);

        ReportsLock here = new ReportsLock(reports, Clock.systemUTC());
        ReportsLock.Attempt waited = here.acquire(Duration.ofMillis(300));
        assertThat(waited).isInstanceOf(ReportsLock.Busy.class);
        assertThat(((ReportsLock.Busy) waited).reason()).endsWith("(waited 300 ms)");

        long killed = holder.pid();
        Files.writeString(reports.resolve(ReportsLock.FILE_NAME), "pid=" + killed + "\nhost=" + LockHolder.thisHost()
                + "\nsince=" + since + "\n"); // what the holder had written, put back
        holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release
        assertThat(holder.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(reports.resolve(ReportsLock.FILE_NAME))).contains("pid=" + killed);

        Process next = start(reports, "try");
        assertThat(firstLine(next)).matches("held " + next.pid() + " since .* took over from " + killed);
        assertThat(next.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).isZero();

        try (ReportsLock.Hold mine = ((ReportsLock.Held) here.tryAcquire()).hold()) {
            assertThat(mine.previous()).isEmpty(); // the last holder released it cleanly
            Process other = start(reports, "try");
            assertThat(firstLine(other)).startsWith("busy: another sp500-rub run holds " + reports + "/: pid "
                    + ProcessHandle.current().pid() + " since ");
            other.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        Process afterRelease = start(reports, "try");
        assertThat(firstLine(afterRelease)).startsWith("held " + afterRelease.pid());
        afterRelease.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Process start(Path reports, String mode) throws IOException {
        String classpath = String.join(File.pathSeparator, List.of(codeSource(HoldReportsLock.class), codeSource(ReportsLock.class)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                HoldReportsLock.class.getName(), reports.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The child's first line, waited for no longer than a JVM start can take. */
    private static String firstLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
