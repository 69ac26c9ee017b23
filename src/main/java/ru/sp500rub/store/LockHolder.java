package ru.sp500rub.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who holds a reports folder: the process, its host, and since when (UTC, as in the JSON files). Written
 * into the lock file for a second process to quote; read back strictly, because a lock file is outside
 * input: a field that does not look like a pid, a host name or an instant is not believed.
 */
public record LockHolder(long pid, String host, Instant since) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final Pattern PID = Pattern.compile("[1-9][0-9]{0,18}");
    /** A host name as RFC 1123 allows it (letters, digits, dots, dashes). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

    public LockHolder {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(since, "since");
        since = since.truncatedTo(ChronoUnit.MILLIS);
    }

    /** This process, now. */
    static LockHolder thisProcess(Instant now) {
        return new LockHolder(ProcessHandle.current().pid(), thisHost(), now);
    }

    /** The host name, without a DNS lookup (which can hang on a machine without a network). */
    static String thisHost() {
        String name = System.getenv("HOSTNAME");
        if (name == null || !HOST.matcher(name).matches()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "localhost";
            }
        }
        return HOST.matcher(name).matches() ? name : "localhost";
    }

    public String sinceText() {
        return UTC.format(since);
    }

    /** The lock file's text: readable with cat, parsed back by {@link #parse}. */
    String toFileText() {
        return "# the sp500-rub run that writes this folder; the lock is free when no process holds it\n"
                + "pid=" + pid + "\nhost=" + host + "\nsince=" + sinceText() + "\n";
    }

    /** The holder a lock file names, or empty when any field is missing or not what it should be. */
    static Optional<LockHolder> parse(String text) {
        String pid = null;
        String host = null;
        String since = null;
        for (String line : text.split("\n", 20)) {
            String l = line.strip();
            if (l.startsWith("pid=")) {
                pid = l.substring(4);
            } else if (l.startsWith("host=")) {
                host = l.substring(5);
            } else if (l.startsWith("since=")) {
                since = l.substring(6);
            }
        }
        if (pid == null || host == null || since == null
                || !PID.matcher(pid).matches() || !HOST.matcher(host).matches() || since.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LockHolder(Long.parseLong(pid), host, Instant.parse(since)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
