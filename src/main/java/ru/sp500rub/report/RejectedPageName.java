package ru.sp500rub.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

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
        return (slug.isEmpty() ? "page" : slug) + "-" + hash(url == null ? "" : url) + ".html";
    }

    private static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
