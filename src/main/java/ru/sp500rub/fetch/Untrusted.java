package ru.sp500rub.fetch;

/** Text from outside (a URL from a page, a header) made safe for one log line or message. */
final class Untrusted {

    static final int MAX_CHARS = 300;

    private Untrusted() {
    }

    /** Control and non-ASCII characters as \\uXXXX, cut to {@value #MAX_CHARS} characters. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_CHARS) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
