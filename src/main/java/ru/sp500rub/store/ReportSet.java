package ru.sp500rub.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A run's files are published as a set: each is first written beside the published ones under a staged
 * name of this process's own, and only when all of them are written are they renamed into place, one
 * rename each. A failure while writing (a full disk, say) leaves the published set exactly as it was,
 * and the staged files are discarded.
 */
public final class ReportSet {

    static final String STAGED_PREFIX = ".staged-";

    private final Path dir;
    private final List<String> fileNames;

    /** The set of {@code fileNames} published in {@code dir}. */
    public ReportSet(Path dir, List<String> fileNames) {
        this.dir = dir;
        this.fileNames = List.copyOf(fileNames);
    }

    /** The name a published file is written under before the set is published. */
    static String stagedName(String fileName) {
        return STAGED_PREFIX + AtomicFile.processId() + "-" + fileName;
    }

    public void stage(PublishedFile file) throws IOException {
        if (!fileNames.contains(file.name())) {
            throw new IllegalArgumentException(file.name() + " is not one of the published files " + fileNames);
        }
        AtomicFile.write(dir.resolve(stagedName(file.name())), file.content());
    }

    /**
     * Renames every staged file into place. Nothing is renamed unless all of them are there and every
     * place can take a file: a set is never published in part because one of its files is missing, or
     * because a folder stands where one of them goes (the renames before it would have gone through).
     */
    public void publish() throws IOException {
        for (String name : fileNames) {
            Path staged = dir.resolve(stagedName(name));
            if (!Files.isRegularFile(staged)) {
                throw new NoSuchFileException(staged.toString(), null, "staged report missing; nothing published");
            }
            Path target = dir.resolve(name);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(target.toString(), null, "Is a directory; nothing published");
            }
        }
        for (String name : fileNames) {
            Files.move(dir.resolve(stagedName(name)), dir.resolve(name),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes this process's staged files, after a run that did not publish. */
    public void discard() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> staged = Files.newDirectoryStream(dir, stagedName("") + "*")) {
            for (Path file : staged) {
                Files.deleteIfExists(file);
            }
        }
    }
}
