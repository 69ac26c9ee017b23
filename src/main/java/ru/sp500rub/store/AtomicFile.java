package ru.sp500rub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way the service writes a file: into a temporary file beside it, named uniquely for this
 * process and write, forced to disk, then renamed over the target in one step. A reader sees the old
 * file or the new one, never half of one, and two processes writing the same file never share a
 * temporary name.
 */
public final class AtomicFile {

    /** Hidden, and this process's own: {@code .tmp-PID-N-name}. */
    static final String TEMP_PREFIX = ".tmp-";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong WRITES = new AtomicLong();

    private AtomicFile() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMP_PREFIX + PID + "-" + WRITES.incrementAndGet() + "-" + target.getFileName());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** This process's token in temporary and staged names. */
    static long processId() {
        return PID;
    }
}
