package ru.sp500rub.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: how the service runs (standing or once), against which site, and any settings
 * given as {@code -Dkey=value}, before or after the options.
 */
public record CommandLine(boolean once, boolean demo, Optional<Path> recordDir, Optional<Path> replayDir,
                          Duration replayLatency, boolean help, Map<String, String> settings) {

    public CommandLine {
        settings = Map.copyOf(settings);
    }

    static final String USAGE = """
            Usage: bin/sp500-rub [--once] [--demo | --replay DIR [--latency-ms N]] [--record DIR] [-Dkey=value ...]
                   (or java -jar target/sp500-rub.jar with the same arguments)
              (no option)       standing service: runs on the timer and on files dropped into the inbox
              --once            one run, then exit: 0 all companies delivered, 3 reports written but some
                                companies failed, 1 the run failed (previous reports untouched), 2 bad usage
                                or a bad setting
              --demo            run against the packaged offline demo site (no network needed);
                                reports go to ./demo-reports unless reports.dir is set
              --replay DIR      run against a recorded site (a folder with site.tsv);
                                reports go to ./replay-reports unless reports.dir is set
              --latency-ms N    with --demo or --replay: delay each answer by N ms
              --record DIR      save every response of this run into DIR (site.tsv format)
              -Dkey=value       a setting (README: Configuration), anywhere on the command line
              --help            this text
            Settings: ./application.properties (only the keys it names), then environment variables
            (scrape.concurrency as SCRAPE_CONCURRENCY), then -Dkey=value, each over the one before.
            """;

    public static CommandLine parse(String... args) {
        boolean once = false;
        boolean demo = false;
        boolean help = false;
        Path record = null;
        Path replay = null;
        Duration latency = Duration.ZERO;
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (arg.startsWith("-D")) {
                setting(arg, settings);
                continue;
            }
            switch (arg) {
                case "--once" -> once = true;
                case "--demo" -> demo = true;
                case "--help", "-h" -> help = true;
                case "--record" -> record = Path.of(value(arg, rest));
                case "--replay" -> replay = Path.of(value(arg, rest));
                case "--latency-ms" -> latency = Duration.ofMillis(number(arg, value(arg, rest)));
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (demo && replay != null) {
            throw new IllegalArgumentException("--demo and --replay exclude each other");
        }
        return new CommandLine(once, demo, Optional.ofNullable(record), Optional.ofNullable(replay), latency, help, settings);
    }

    /** {@code -Dkey=value}; {@code -Dkey} alone sets an empty value, as the JVM does. */
    private static void setting(String arg, Map<String, String> settings) {
        String assignment = arg.substring(2);
        int equals = assignment.indexOf('=');
        String key = equals < 0 ? assignment : assignment.substring(0, equals);
        if (key.isBlank()) {
            throw new IllegalArgumentException("-D needs a key: -Dkey=value, got " + arg);
        }
        settings.put(key, equals < 0 ? "" : assignment.substring(equals + 1));
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static long number(String option, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0 || n > 60_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number from 0 to 60000, got " + value);
        }
    }
}
