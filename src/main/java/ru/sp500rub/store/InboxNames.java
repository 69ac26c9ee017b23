package ru.sp500rub.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The name an inbox file is kept under in .done or .failed: its own name, made safe (letters, digits,
 * dot, dash, underscore; at most {@value #MAX_KEPT} characters, with a hash of the original when
 * anything was changed), plus the UTC time it was picked up, so that a second file of the same name never
 * replaces the first, and no name from outside can be too long or hold a path or control character.
 */
public final class InboxNames {

    static final int MAX_KEPT = 100;
    private static final DateTimeFormatter PICKED_UP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);

    private InboxNames() {
    }

    public static String keptAs(String fileName, Instant pickedUp) {
        return safe(fileName) + "." + PICKED_UP.format(pickedUp);
    }

    /** The file's name as it may be written anywhere: in a file name, a log line, the summary. */
    public static String safe(String fileName) {
        String cleaned = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.equals(fileName) && cleaned.length() <= MAX_KEPT && !cleaned.startsWith(".")) {
            return cleaned;
        }
        String hash = NameHash.shortHex(fileName);
        String head = cleaned.replaceFirst("^\\.+", "_");
        return head.substring(0, Math.min(head.length(), MAX_KEPT - hash.length() - 1)) + "~" + hash;
    }
}
