package ru.sp500rub.config;

import java.nio.file.Files;
import java.nio.file.Path;

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

    private static void refuseFile(SettingsReader r, String key, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw r.refuse(key, "must be a folder, and this path is a file");
        }
    }
}
