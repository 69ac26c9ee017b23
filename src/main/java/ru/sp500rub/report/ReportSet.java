package ru.sp500rub.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A run's report files are published as a set: each is first written beside the published ones under a
 * staged name, and only when all of them are written are they renamed into place, one rename each. A
 * failure while writing (a full disk, say) leaves the published set exactly as it was; a staged file
 * left behind is hidden (its name starts with a dot) and is overwritten by the next run.
 */
public final class ReportSet {

    static final String STAGED_PREFIX = ".staged-";

    private ReportSet() {
    }

    /** The name a report file is written under before it is published. */
    public static String stagedName(String fileName) {
        return STAGED_PREFIX + fileName;
    }

    /**
     * Renames every staged file into place. Nothing is renamed unless all of them are there: a set is
     * never published in part because one of its files is missing.
     */
    public static void publish(Path dir, List<String> fileNames) throws IOException {
        for (String name : fileNames) {
            Path staged = dir.resolve(stagedName(name));
            if (!Files.isRegularFile(staged)) {
                throw new NoSuchFileException(staged.toString(), null, "staged report missing; nothing published");
            }
        }
        for (String name : fileNames) {
            Files.move(dir.resolve(stagedName(name)), dir.resolve(name),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
