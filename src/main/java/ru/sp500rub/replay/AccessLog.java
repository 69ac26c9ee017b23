package ru.sp500rub.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One line per request in serve.py's format with {@code --log-client} ({@code start\tend\ttarget\tstatus\tclient},
 * epoch seconds, the client's address), so the same script can count concurrency, retries and which
 * client asked from either server's log.
 */
final class AccessLog implements AutoCloseable {
    private final BufferedWriter out;

    private AccessLog(BufferedWriter out) {
        this.out = out;
    }

    static AccessLog appendingTo(Path file) {
        try {
            return new AccessLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the access log " + file, e);
        }
    }

    synchronized void request(long startMillis, long endMillis, String target, int status, String client) {
        try {
            out.write(String.format(Locale.ROOT, "%.4f\t%.4f\t%s\t%d\t%s%n",
                    startMillis / 1000.0, endMillis / 1000.0, target, status, client));
            out.flush(); // line by line, as serve.py does, so a log read during a run is complete
        } catch (IOException e) {
            // a full disk must not fail the request being answered
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
