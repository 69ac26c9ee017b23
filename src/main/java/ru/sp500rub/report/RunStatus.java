package ru.sp500rub.report;

import java.util.Locale;

/** How a run ended: every listed company delivered, some named as failed, or nothing published. */
public enum RunStatus {
    COMPLETE, PARTIAL, FAILED;

    /** As the summary and the metrics write it: "complete", "partial", "failed". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A run whose reports were published. */
    public boolean good() {
        return this != FAILED;
    }

    /** The status a summary names by its label. */
    public static RunStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
