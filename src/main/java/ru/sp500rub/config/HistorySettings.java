package ru.sp500rub.config;

/** How many runs are kept under reports.dir/history: 168 is a week of hourly runs. */
public record HistorySettings(int keep) {

    static HistorySettings read(SettingsReader r) {
        return new HistorySettings(r.wholeNumber("history.keep", 168, 1, 100_000));
    }
}
