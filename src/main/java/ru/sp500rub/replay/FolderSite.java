package ru.sp500rub.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A replay folder (site.tsv plus body files) as a {@link Site}. Bodies are read on demand rather than
 * held in memory: the full replay is ~85 MB and the OS page cache keeps repeated reads cheap.
 */
final class FolderSite implements Site {
    /** A recorded page is under 1 MB; a replay answers nothing larger than this. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
    private final Path dir;
    private final SiteManifest manifest;

    private FolderSite(Path dir, SiteManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Reads the manifest and checks every body file is there, so a broken folder fails at start, not mid-run. */
    static FolderSite open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        SiteManifest manifest = SiteManifest.read(root);
        for (SiteManifest.Route route : manifest.routes()) {
            Path body = bodyPath(root, route);
            if (!Files.isRegularFile(body)) {
                throw new IllegalArgumentException("site.tsv names a missing file: " + route.file());
            }
        }
        return new FolderSite(root, manifest);
    }

    @Override
    public Optional<Response> response(String key) {
        return manifest.route(key).map(this::load);
    }

    private Response load(SiteManifest.Route route) {
        try {
            return new Response(route.status(), route.contentType(), Files.readAllBytes(bodyPath(dir, route)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + route.file(), e);
        }
    }

    /**
     * A manifest is data too: a file name that climbs out of the folder, or a link inside it that points
     * out of it, is refused; so is a body larger than any page.
     */
    private static Path bodyPath(Path root, SiteManifest.Route route) {
        Path body = root.resolve(route.file()).normalize();
        if (!body.startsWith(root)) {
            throw new IllegalArgumentException("site.tsv names a file outside the site folder: " + route.file());
        }
        try {
            if (Files.exists(body) && !body.toRealPath().startsWith(root.toRealPath())) {
                throw new IllegalArgumentException("site.tsv names a link that leads outside the site folder: " + route.file());
            }
            if (Files.isRegularFile(body) && Files.size(body) > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("site.tsv names a file larger than " + MAX_BODY_BYTES / (1024 * 1024)
                        + " MB: " + route.file());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + route.file(), e);
        }
        return body;
    }
}
