package ru.sp500rub.report;

import java.util.Locale;

/** How a run ended: every company delivered, some named as failed, or no reports at all. */
public enum RunStatus {
    COMPLETE,
    PARTIAL,
    FAILED;

    /** As written in the summaries and shown on the status page: "complete", "partial", "failed". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A run whose reports were published. */
    public boolean good() {
        return this != FAILED;
    }

    public static RunStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
