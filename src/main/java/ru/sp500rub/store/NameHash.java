package ru.sp500rub.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a text in hex, for file names made from outside text: two texts that clean up to the same
 * safe name still get names of their own.
 */
public final class NameHash {

    private NameHash() {
    }

    /** The whole digest: 64 hex characters. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** Its first 4 bytes: 8 hex characters, enough to tell apart the names of one folder. */
    public static String shortHex(String text) {
        return HexFormat.of().formatHex(digest(text), 0, 4);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
