package ru.sp500rub.config;

import java.nio.file.Files;
import java.nio.file.Path;
import ru.sp500rub.log.Causes;
import ru.sp500rub.log.LogText;

/**
 * Where results go and where trigger files are dropped. The two must be apart: an inbox inside the
 * reports folder (or the reverse) would make every run's own output trigger the next run.
 */
public record FolderSettings(Path reportsDir, Path inboxDir) {

    static FolderSettings read(SettingsReader r) {
        Path reports = r.folder("reports.dir", "reports");
        Path inbox = r.folder("inbox.dir", "inbox");
        refuseFile(r, "reports.dir", reports);
        refuseFile(r, "inbox.dir", inbox);
        Path reportsAbsolute = reports.toAbsolutePath().normalize();
        Path inboxAbsolute = inbox.toAbsolutePath().normalize();
        if (inboxAbsolute.startsWith(reportsAbsolute)) {
            throw r.refuse("inbox.dir", "must be a folder outside reports.dir (" + reportsAbsolute + ")");
        }
        if (reportsAbsolute.startsWith(inboxAbsolute)) {
            throw r.refuse("reports.dir", "must be a folder outside inbox.dir (" + inboxAbsolute + ")");
        }
        return new FolderSettings(reports, inbox);
    }

    /**
     * Makes the folders the service will write, before anything starts: a folder that cannot be created
     * or written stops the start with its key, rather than failing every run (or every inbox poll) later.
     *
     * @param inboxUsed the standing service with its triggers on reads the inbox and moves files aside in it
     */
    public void prepare(boolean inboxUsed) {
        writable("reports.dir", reportsDir);
        if (inboxUsed) {
            writable("inbox.dir", inboxDir);
            writable("inbox.dir", inboxDir.resolve(".done"));
            writable("inbox.dir", inboxDir.resolve(".failed"));
        }
    }

    static void writable(String key, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException | SecurityException e) {
            throw new InvalidSettingException("sp500-rub: " + key + " cannot be used: " + Causes.innermost(e));
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidSettingException("sp500-rub: " + key + " cannot be used: " + LogText.escape(folder.toString())
                    + " is not writable");
        }
    }

    private static void refuseFile(SettingsReader r, String key, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw r.refuse(key, "must be a folder, and this path is a file");
        }
    }
}
