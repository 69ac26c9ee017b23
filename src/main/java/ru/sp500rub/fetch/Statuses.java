package ru.sp500rub.fetch;

import java.util.Locale;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

/**
 * An HTTP status in words: "HTTP 503 Service Unavailable". The words are the standard ones for the code,
 * never the reason phrase the server sent (outside text, and often empty with HTTP/2).
 */
final class Statuses {

    private Statuses() {
    }

    static String text(int status) {
        String phrase = status >= 100 && status < 600 ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ROOT) : null;
        return phrase == null ? "HTTP " + status : "HTTP " + status + " " + phrase;
    }
}
