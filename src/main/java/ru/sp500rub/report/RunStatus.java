package ru.sp500rub.report;

import java.util.Locale;

/** How a run ended: every listed company delivered, some named as failed, or nothing published. */
public enum RunStatus {
    COMPLETE, PARTIAL, FAILED;

    /** As the summary and the metrics write it: "complete", "partial", "failed". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
