package ru.sp500rub.history;

import java.util.function.Function;

/**
 * The history's one setting: how many runs are kept under reports.dir/history (168 = a week of hourly
 * runs). Read through a key lookup (null = not set) until it is one of the typed settings.
 */
public record HistorySettings(int keep) {

    public static final int DEFAULT_KEEP = 168;
    static final int MAX_KEEP = 100_000;

    public HistorySettings {
        if (keep < 1 || keep > MAX_KEEP) {
            throw new IllegalArgumentException("history.keep out of range: " + keep);
        }
    }

    public static HistorySettings read(Function<String, String> lookup) {
        String text = lookup.apply("history.keep");
        if (text == null) {
            return new HistorySettings(DEFAULT_KEEP);
        }
        try {
            int keep = Integer.parseInt(text.strip());
            if (keep >= 1 && keep <= MAX_KEEP) {
                return new HistorySettings(keep);
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw new IllegalArgumentException("sp500-rub: history.keep must be a whole number from 1 to " + MAX_KEEP
                + ", got \"" + text + "\"");
    }
}
