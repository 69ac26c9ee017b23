package ru.sp500rub.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import ru.sp500rub.store.NameHash;

/**
 * Records live responses into a replay folder that both {@link ReplayServer} and serve.py can serve:
 * each body goes to its own file and a row is appended to {@code site.tsv}. Re-recording a path appends
 * a newer row (last wins for both readers); {@link #flush()} and {@link #close()} rewrite the manifest
 * with one row per path. Body file names are made from a hash of the path, never from the path itself,
 * so nothing a page or URL says can choose where a file is written. Safe for concurrent callers.
 */
public final class ResponseRecorder implements AutoCloseable {
    /** The Bank of Russia daily XML: the replay must answer it whatever date the query asks for. */
    public static final Set<String> DEFAULT_ANY_QUERY_PATHS = Set.of("/scripts/XML_daily.asp");
    private static final int READABLE_PREFIX = 40;

    private final Path dir;
    private final Set<String> anyQueryPaths;
    private final List<SiteManifest.Route> rows = new ArrayList<>();
    private BufferedWriter manifestOut;

    /** Records into {@code dir} (created if needed), answering the CBR XML for any query. */
    public ResponseRecorder(Path dir) {
        this(dir, DEFAULT_ANY_QUERY_PATHS);
    }

    /**
     * Records into {@code dir}; a request to one of {@code anyQueryPaths} is stored for the bare path and
     * as a {@code ?*} route, so its replay answers whatever query it is asked with. An existing manifest
     * in {@code dir} is kept and added to.
     */
    public ResponseRecorder(Path dir, Set<String> anyQueryPaths) {
        this.dir = dir.toAbsolutePath().normalize();
        this.anyQueryPaths = Set.copyOf(anyQueryPaths);
        try {
            Files.createDirectories(this.dir);
            Path manifest = this.dir.resolve(SiteManifest.FILE_NAME);
            if (Files.exists(manifest)) { // carry on an earlier recording, from a clean one-row-per-path file
                rows.addAll(SiteManifest.read(this.dir).routes());
                SiteManifest.of(rows).write(this.dir);
            }
            manifestOut = openManifest(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record into " + dir, e);
        }
    }

    /** Stores one response; the request's path and query become its manifest key. */
    public synchronized void record(URI requestUri, int status, String contentType, byte[] body) {
        Objects.requireNonNull(body, "body");
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip();
        if (RequestKeys.hasControlCharacters(type)) {
            throw new IllegalArgumentException("a content type cannot hold control characters");
        }
        ensureOpen();
        List<String> keys = keysFor(requestUri);
        String file = fileNameFor(keys.get(0), type); // an any-query path's rows share the bare path's file
        writeBody(file, body);
        for (String key : keys) {
            appendRow(new SiteManifest.Route(key, status, type, file));
        }
    }

    /** Rewrites site.tsv with one row per path (the last recorded), as one atomic move. */
    public synchronized void flush() {
        ensureOpen();
        closeManifestWriter();
        SiteManifest.of(rows).write(dir);
        try {
            manifestOut = openManifest(dir.resolve(SiteManifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the manifest of " + dir, e);
        }
    }

    /** The folder being recorded into. */
    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() {
        if (manifestOut == null) {
            return;
        }
        closeManifestWriter();
        SiteManifest.of(rows).write(dir);
    }

    private List<String> keysFor(URI requestUri) {
        String key = RequestKeys.recordingKey(requestUri.getRawPath(), requestUri.getRawQuery());
        String path = stripQuery(key);
        if (anyQueryPaths.contains(path)) {
            return List.of(path, path + RequestKeys.ANY_QUERY);
        }
        return List.of(key);
    }

    /**
     * A readable, safe prefix from the path (letters, digits and '-' only: no dots, no separators) and
     * a hash of the whole key, so different paths never share a file and no name can leave the folder.
     */
    static String fileNameFor(String key, String contentType) {
        String readable = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (readable.length() > READABLE_PREFIX) {
            readable = readable.substring(0, READABLE_PREFIX);
        }
        String hash = NameHash.hex(key).substring(0, 16);
        return (readable.isEmpty() ? "root" : readable) + "-" + hash + extensionFor(contentType);
    }

    private static String extensionFor(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("html")) {
            return ".html";
        }
        if (type.contains("xml")) {
            return ".xml";
        }
        if (type.contains("json")) {
            return ".json";
        }
        return type.startsWith("text/") ? ".txt" : ".bin";
    }

    private void writeBody(String file, byte[] body) {
        Path target = dir.resolve(file).normalize();
        if (!dir.equals(target.getParent())) { // cannot happen with fileNameFor; guards any later change
            throw new IllegalStateException("refusing to write outside " + dir + ": " + file);
        }
        Path temp = dir.resolve(file + ".tmp");
        try {
            Files.write(temp, body);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private void appendRow(SiteManifest.Route route) {
        rows.add(route);
        try {
            manifestOut.write(route.pathAndQuery() + "\t" + route.status() + "\t" + route.contentType()
                    + "\t" + route.file() + "\n");
            manifestOut.flush(); // a crash mid-run still leaves a servable folder
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the manifest of " + dir, e);
        }
    }

    private static BufferedWriter openManifest(Path manifest) throws IOException {
        boolean fresh = !Files.exists(manifest) || Files.size(manifest) == 0;
        BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            out.write(SiteManifest.HEADER + "\n");
            out.flush();
        }
        return out;
    }

    private void closeManifestWriter() {
        try {
            manifestOut.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the manifest of " + dir, e);
        } finally {
            manifestOut = null;
        }
    }

    private void ensureOpen() {
        if (manifestOut == null) {
            throw new IllegalStateException("the recorder of " + dir + " is closed");
        }
    }

    private static String stripQuery(String key) {
        int q = key.indexOf('?');
        return q < 0 ? key : key.substring(0, q);
    }
}
