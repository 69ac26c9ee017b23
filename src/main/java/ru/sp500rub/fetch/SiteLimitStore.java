package ru.sp500rub.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import ru.sp500rub.store.AtomicFile;

/**
 * What the service learned of the site's limit, kept between runs and restarts in one line
 * ({@code limit=8 ceiling=9 rate-ceiling=0}), so that a run starts where the last good one left off
 * rather than at the bottom or at the top. A file that cannot be read is no state: the next run learns
 * again.
 */
public final class SiteLimitStore {

    public static final String FILE_NAME = "site-limit.txt";
    private static final int MAX_BYTES = 256;
    private final Path file;

    public SiteLimitStore(Path reportsDir) {
        this.file = reportsDir.resolve(FILE_NAME);
    }

    public Optional<AdaptiveLimit.State> load() {
        try (InputStream in = Files.newInputStream(file)) {
            return AdaptiveLimit.State.parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    public void save(AdaptiveLimit.State state) throws IOException {
        AtomicFile.write(file, (state.text() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public Path file() {
        return file;
    }
}
