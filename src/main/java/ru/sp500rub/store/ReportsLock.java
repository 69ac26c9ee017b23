package ru.sp500rub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.sp500rub.log.LogText;

/**
 * One writer per reports folder: an OS file lock on {@value #FILE_NAME} in the folder, held for the
 * length of a run, across processes (a cron {@code --once} beside the standing service, two services
 * on one folder). The file says who holds it, so the process turned away can say so in one line:
 * "another sp500-rub run holds reports/: pid 4242 since 2026-12-01T10:15:30.123Z".
 *
 * <ul>
 *   <li><b>A killed holder.</b> The OS releases a process's locks when it dies, however it dies
 *       ({@code kill -9} included): the next run gets the lock, and overwrites the stale text, which it
 *       keeps as {@link Hold#previous()} for its log line. The file itself is never deleted: deleting a
 *       lock file lets two processes lock two different files of the same name.</li>
 *   <li><b>This JVM already holds it</b> (a second context, a test): answered from memory before the
 *       file is opened. Opening and closing the file here would be worse than useless: on POSIX systems
 *       closing any channel on a file drops every lock the process holds on it. (So nothing else in
 *       this JVM may open the lock file while it is held.)</li>
 *   <li><b>Bounded.</b> {@link #tryAcquire()} asks once; {@link #acquire(Duration)} retries until the
 *       given time is up. Neither waits for ever.</li>
 *   <li><b>Outside input.</b> The lock file's text is read at most {@value #MAX_READ} bytes, parsed
 *       strictly ({@link LockHolder#parse}), and escaped when it cannot be parsed. The file is opened
 *       without following a symbolic link, and refused unless it is a regular file: a link planted
 *       there cannot make the run truncate another file.</li>
 * </ul>
 * Where the folder is on a network file system, the lock is only as good as that system's locking
 * (NFSv4 locks; some others do not).
 */
public final class ReportsLock {

    public static final String FILE_NAME = ".sp500-rub.lock";
    static final int MAX_READ = 4096;
    private static final Duration POLL = Duration.ofMillis(100);
    /** The locks this JVM holds, by the real path of the lock file. */
    private static final Map<Path, Hold> HELD = new HashMap<>();

    private final Path dir;
    private final Clock clock;

    /** @param reportsDir as configured: messages name it as the operator wrote it */
    public ReportsLock(Path reportsDir, Clock clock) {
        this.dir = Objects.requireNonNull(reportsDir, "reportsDir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The answer to one attempt. */
    public sealed interface Attempt permits Held, Busy {
    }

    /** This process now holds the folder: close the hold when the run ends (good or failed). */
    public record Held(Hold hold) implements Attempt {
    }

    /**
     * Someone else holds it. {@code reason} is one escaped line for the log and the run's answer;
     * {@code holder} what the lock file says, when it says it clearly; {@code thisProcess} true when
     * the holder is this very JVM.
     */
    public record Busy(String reason, Optional<LockHolder> holder, boolean thisProcess) implements Attempt {
    }

    /**
     * One attempt, no waiting.
     *
     * @throws IOException when the folder or its lock file cannot be used at all (not a directory,
     *                     read-only, the lock file is a link...): no run could write there either
     */
    public Attempt tryAcquire() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.toRealPath().resolve(FILE_NAME);
        synchronized (HELD) {
            Hold mine = HELD.get(file);
            if (mine != null) {
                return new Busy("this process already holds " + shownDir() + " (a run since " + mine.holder().sinceText()
                        + "); runs of one process do not overlap", Optional.of(mine.holder()), true);
            }
            return lockOrRead(file);
        }
    }

    /** Attempts until the lock is had or {@code maxWait} is over; the last refusal says how long it waited. */
    public Attempt acquire(Duration maxWait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Attempt attempt = tryAcquire();
            long left = deadline - System.nanoTime();
            if (attempt instanceof Held || left <= 0) {
                return attempt instanceof Busy busy
                        ? new Busy(busy.reason() + " (waited " + maxWait.toMillis() + " ms)", busy.holder(), busy.thisProcess())
                        : attempt;
            }
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), left / 1_000_000)));
        }
    }

    private Attempt lockOrRead(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(LogText.escape(file.toString()) + " is not a regular file; remove it to let runs lock "
                    + shownDir());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        boolean kept = false;
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // something other than this class locked the file in this JVM
                return new Busy("this process already holds a lock on " + shownDir() + FILE_NAME, Optional.empty(), true);
            }
            if (lock == null) {
                return busy(read(channel));
            }
            String stale = read(channel);
            LockHolder me = LockHolder.thisProcess(clock.instant());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.toFileText().getBytes(StandardCharsets.UTF_8)), 0);
            Hold hold = new Hold(file, channel, lock, me, stale.isBlank() ? Optional.empty() : LockHolder.parse(stale));
            HELD.put(file, hold);
            kept = true;
            return new Held(hold);
        } finally {
            if (!kept) {
                channel.close();
            }
        }
    }

    private Busy busy(String text) {
        Optional<LockHolder> holder = LockHolder.parse(text);
        if (holder.isPresent()) {
            LockHolder h = holder.get();
            String where = h.host().equals(LockHolder.thisHost()) ? "" : " on " + h.host();
            return new Busy("another sp500-rub run holds " + shownDir() + ": pid " + h.pid() + where + " since " + h.sinceText(),
                    holder, false);
        }
        String said = text.isBlank() ? "it has not written who it is yet"
                : "its lock file says \"" + LogText.escape(text.strip(), 80) + "\"";
        return new Busy("another sp500-rub run holds " + shownDir() + " (" + said + ")", Optional.empty(), false);
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_READ);
        long position = 0;
        int n;
        while (buffer.hasRemaining() && (n = channel.read(buffer, position)) > 0) {
            position += n;
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** "reports/", as configured, escaped. */
    private String shownDir() {
        String text = dir.toString();
        return LogText.escape(text.endsWith("/") || text.isEmpty() ? text : text + "/", 300);
    }

    /** A held lock; {@link #close()} releases it (idempotent). The file stays, emptied. */
    public static final class Hold implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final LockHolder holder;
        private final Optional<LockHolder> previous;
        private boolean closed;

        private Hold(Path file, FileChannel channel, FileLock lock, LockHolder holder, Optional<LockHolder> previous) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.holder = holder;
            this.previous = previous;
        }

        public LockHolder holder() {
            return holder;
        }

        /** Who the lock file named when this process took it: a holder that died without releasing it. */
        public Optional<LockHolder> previous() {
            return previous;
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() throws IOException {
            synchronized (HELD) {
                if (closed) {
                    return;
                }
                closed = true;
                HELD.remove(file);
                try {
                    channel.truncate(0); // a released lock names nobody
                } finally {
                    try {
                        lock.release();
                    } finally {
                        channel.close();
                    }
                }
            }
        }
    }
}
