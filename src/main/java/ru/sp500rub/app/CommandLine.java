package ru.sp500rub.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line: how the service runs (standing or once) and against which site. */
public record CommandLine(boolean once, boolean demo, Optional<Path> recordDir, Optional<Path> replayDir,
                          Duration replayLatency, boolean help) {

    static final String USAGE = """
            Usage: java -jar sp500-rub.jar [--once] [--demo | --replay DIR [--latency-ms N]] [--record DIR]
              (no option)       standing service: runs on the timer and on files dropped into the inbox
              --once            one run, then exit: 0 all companies delivered, 3 reports written but some
                                companies failed, 1 the run failed (previous reports untouched), 2 bad usage
              --demo            run against the packaged offline demo site (no network needed)
              --replay DIR      run against a recorded site (a folder with site.tsv)
              --latency-ms N    with --demo or --replay: delay each answer by N ms
              --record DIR      save every response of this run into DIR (site.tsv format)
              --help            this text
            Configuration: application.properties in the working directory (else the packaged copy);
            any key can be overridden with -Dkey=value or an environment variable (KEY_NAME).
            """;

    public static CommandLine parse(String... args) {
        boolean once = false;
        boolean demo = false;
        boolean help = false;
        Path record = null;
        Path replay = null;
        Duration latency = Duration.ZERO;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
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
        return new CommandLine(once, demo, Optional.ofNullable(record), Optional.ofNullable(replay), latency, help);
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
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number >= 0, got " + value);
        }
    }
}
