package ru.sp500rub.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code site.tsv} manifest of a replay folder, as written by {@code build-site.py} and read by
 * {@code serve.py}: a header line {@code path\tstatus\tcontent_type\tfile}, then one route a line.
 * When a path appears twice the later row wins, as it does in serve.py.
 */
public final class SiteManifest {
    public static final String FILE_NAME = "site.tsv";
    public static final String HEADER = "path\tstatus\tcontent_type\tfile";

    /** One manifest row: the request path with its query, what to answer, and the body's file (relative). */
    public record Route(String pathAndQuery, int status, String contentType, String file) {
        public Route {
            Objects.requireNonNull(pathAndQuery, "pathAndQuery");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(file, "file");
            requireCellSafe(pathAndQuery);
            requireCellSafe(contentType);
            requireCellSafe(file);
        }

        String toRow() {
            return pathAndQuery + "\t" + status + "\t" + contentType + "\t" + file;
        }

        static Route fromRow(String row) {
            String[] cells = row.split("\t", -1);
            if (cells.length != 4) {
                throw new IllegalArgumentException("a site.tsv row has 4 tab-separated cells, got: " + row);
            }
            return new Route(cells[0], Integer.parseInt(cells[1].trim()), cells[2], cells[3]);
        }

        private static void requireCellSafe(String cell) {
            if (RequestKeys.hasControlCharacters(cell)) {
                throw new IllegalArgumentException("a site.tsv cell cannot hold tabs or line breaks: " + cell);
            }
        }
    }

    private final Map<String, Route> byPath;

    private SiteManifest(Map<String, Route> byPath) {
        this.byPath = byPath;
    }

    /** A manifest of these routes; a later route for the same path replaces an earlier one. */
    public static SiteManifest of(List<Route> routes) {
        Map<String, Route> byPath = new LinkedHashMap<>();
        for (Route route : routes) {
            byPath.remove(route.pathAndQuery()); // re-inserted at the end: the row order follows the last write
            byPath.put(route.pathAndQuery(), route);
        }
        return new SiteManifest(byPath);
    }

    /** Reads {@code siteDir/site.tsv}. */
    public static SiteManifest read(Path siteDir) {
        try {
            return parse(Files.readAllLines(siteDir.resolve(FILE_NAME), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + siteDir, e);
        }
    }

    /** Parses the lines of a site.tsv, header included; blank lines are ignored. */
    public static SiteManifest parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("site.tsv must start with the header: " + HEADER);
        }
        List<Route> routes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                routes.add(Route.fromRow(line));
            }
        }
        return of(routes);
    }

    /** Writes {@code siteDir/site.tsv} in one move, so a reader never sees half a manifest. */
    public void write(Path siteDir) {
        Path target = siteDir.resolve(FILE_NAME);
        Path temp = siteDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(temp, toText(), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + siteDir, e);
        }
    }

    /** The whole file's text: header, then one row per route. */
    public String toText() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        byPath.values().forEach(route -> text.append(route.toRow()).append('\n'));
        return text.toString();
    }

    public List<Route> routes() {
        return List.copyOf(byPath.values());
    }

    /** The route for exactly this manifest key (no decoding, no {@code ?*} rule). */
    public Optional<Route> route(String pathAndQuery) {
        return Optional.ofNullable(byPath.get(pathAndQuery));
    }

    /**
     * The route that answers a request target as sent (raw path and query): exact path+query, then the
     * percent-decoded path with the query, then the {@code ?*} route of the path.
     */
    public Optional<Route> lookup(String requestTarget) {
        return RequestKeys.candidates(requestTarget).stream()
                .map(byPath::get)
                .filter(Objects::nonNull)
                .findFirst();
    }
}
