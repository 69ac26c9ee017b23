package ru.sp500rub.parse;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/** Turns an HTTP response body into text, by the charset its Content-Type names (UTF-8 when none). */
public final class PageText {

    private PageText() {
    }

    public static String decode(byte[] body, String contentType) {
        return new String(body, charsetOf(contentType));
    }

    /** The charset a Content-Type names; UTF-8 when it names none or one this JVM does not know. */
    public static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
