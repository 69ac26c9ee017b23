package ru.sp500rub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Within one JVM; {@link ReportsLockIT} has the two-process cases. */
class ReportsLockTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30.123456Z"), ZoneOffset.UTC);
    @TempDir
    Path root;

    private ReportsLock.Hold held(ReportsLock lock) throws IOException {
        ReportsLock.Attempt attempt = lock.tryAcquire();
        assertThat(attempt).isInstanceOf(ReportsLock.Held.class);
        return ((ReportsLock.Held) attempt).hold();
    }

    @Test
    void theLockFileSaysWhoHoldsItAndIsEmptiedOnRelease() throws IOException {
        Path reports = root.resolve("reports");
        Path file;
        try (ReportsLock.Hold hold = held(new ReportsLock(reports, CLOCK))) {
            file = hold.file();
            assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid(), "since=2026-12-01T10:15:30.123Z");
            assertThat(hold.holder().sinceText()).isEqualTo("2026-12-01T10:15:30.123Z");
        }
        assertThat(file).exists().isEmptyFile(); // never deleted: see the class comment
    }

    @Test
    void aSecondAttemptInTheSameProcessIsAnsweredClearly() throws IOException {
        Path reports = root.resolve("reports");
        try (ReportsLock.Hold hold = held(new ReportsLock(reports, CLOCK))) {
            ReportsLock.Attempt again = new ReportsLock(root.resolve("./reports/../reports"), CLOCK).tryAcquire();
            assertThat(again).isInstanceOf(ReportsLock.Busy.class);
            ReportsLock.Busy busy = (ReportsLock.Busy) again;
            assertThat(busy.thisProcess()).isTrue();
            assertThat(busy.reason()).isEqualTo("this process already holds " + root.resolve("./reports/../reports")
                    + "/ (a run since 2026-12-01T10:15:30.123Z); runs of one process do not overlap");
            assertThat(Files.readString(hold.file())).contains("pid="); // re-entry did not touch the file
        }
        held(new ReportsLock(reports, CLOCK)).close();
    }

    @Test
    void waitingIsBoundedAndEndsWhenTheHolderReleases() throws Exception {
        Path reports = root.resolve("reports");
        ReportsLock.Hold first = held(new ReportsLock(reports, CLOCK));
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                first.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ReportsLock.Attempt waited = new ReportsLock(reports, CLOCK).acquire(Duration.ofSeconds(30));
        assertThat(waited).isInstanceOf(ReportsLock.Held.class);
        ((ReportsLock.Held) waited).hold().close();
    }

    @Test
    void staleTextLeftByADeadHolderIsOverwrittenAndReported() throws IOException {
        Path reports = Files.createDirectories(root.resolve("reports"));
        Files.writeString(reports.resolve(ReportsLock.FILE_NAME), "pid=999999\nhost=old-host\nsince=2020-01-01T00:00:00.000Z\n");
        try (ReportsLock.Hold hold = held(new ReportsLock(reports, CLOCK))) {
            assertThat(hold.previous()).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(999999));
            assertThat(Files.readString(hold.file())).doesNotContain("999999").contains("host=" + hold.holder().host());
        }
    }

    @Test
    void aLockFileThatIsALinkIsRefusedAndItsTargetUntouched() throws IOException {
        Path reports = Files.createDirectories(root.resolve("reports"));
        Path precious = Files.writeString(root.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(reports.resolve(ReportsLock.FILE_NAME), precious);

        assertThatThrownBy(() -> new ReportsLock(reports, CLOCK).tryAcquire())
                .isInstanceOf(IOException.class).hasMessageContaining("is not a regular file");
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void aReportsPathThatIsAFileFailsWithTheReason() throws IOException {
        Path file = Files.writeString(root.resolve("reports"), "x");
        assertThatThrownBy(() -> new ReportsLock(file, CLOCK).tryAcquire()).isInstanceOf(FileSystemException.class);
    }

    @Test
    void whatALockFileSaysIsParsedStrictly() {
        assertThat(LockHolder.parse("pid=42\nhost=box-1.example\nsince=2026-12-01T10:15:30.123Z\n"))
                .hasValue(new LockHolder(42, "box-1.example", Instant.parse("2026-12-01T10:15:30.123Z")));
        assertThat(LockHolder.parse("pid=42\r\nhost=evil\u001b[2J\nsince=2026-12-01T10:15:30.123Z")).isEmpty();
        assertThat(LockHolder.parse("pid=-1\nhost=h\nsince=2026-12-01T10:15:30.123Z")).isEmpty();
        assertThat(LockHolder.parse("pid=42\nhost=h\nsince=yesterday")).isEmpty();
        assertThat(LockHolder.parse("")).isEmpty();
    }
}
