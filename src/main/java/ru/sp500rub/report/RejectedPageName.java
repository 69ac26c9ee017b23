package ru.sp500rub.report;

import java.util.Locale;
import ru.sp500rub.store.NameHash;

/**
 * The file name a rejected page is saved under. The URL came from a scraped page, so only a tame
 * slug of it is used (letters, digits, dash; no dots or separators), made unique by a hash of the
 * whole URL.
 */
public final class RejectedPageName {

    private static final int MAX_SLUG = 60;

    private RejectedPageName() {
    }

    public static String of(String url) {
        String path = url == null ? "" : url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
        String slug = path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(slug.length() - MAX_SLUG);
        }
        return (slug.isEmpty() ? "page" : slug) + "-" + NameHash.shortHex(url == null ? "" : url) + ".html";
    }
}
