package ru.sp500rub.log;

/**
 * Text from outside (a page, a file name, a header, an exception's message) made safe for one log line:
 * every character that could end the line, move the cursor, recolour the terminal or reorder what a
 * reader sees is written as a visible escape, and the result is cut to a bound.
 *
 * <p>Escaped: the C0 controls (CR, LF and TAB as {@code \r \n \t}, the others, ESC included, as
 * {@code \u001B}), DEL and the C1 controls (NEL U+0085 ends a line for some readers), the Unicode line
 * and paragraph separators U+2028/U+2029, and the bidirectional controls (U+061C, U+200E/F,
 * U+202A..U+202E, U+2066..U+2069) that can make a line display other than it reads. A backslash is
 * left as it is: {@code \n} typed by someone stays two harmless characters on the same line, and
 * Windows paths stay readable.
 */
public final class LogText {

    /** Longest text one log line carries for one value, escapes included, before it is cut. */
    public static final int DEFAULT_MAX_CHARS = 2000;
    /** The longest marker a cut text ends with: "…[+" + 10 digits + " chars]". */
    private static final int MARKER_ROOM = 20;

    private LogText() {
    }

    public static String escape(CharSequence text) {
        return escape(text, DEFAULT_MAX_CHARS);
    }

    /**
     * @param maxChars the longest result wanted (escapes count as what they print); longer text is cut
     *                 and ends with {@code …[+N chars]}, N counting the input left out (the marker fits
     *                 within the bound from 20 characters up)
     */
    public static String escape(CharSequence text, int maxChars) {
        if (text == null) {
            return "null";
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
        }
        if (text.length() <= maxChars && isClean(text)) {
            return text.toString(); // the usual case: no copy
        }
        Cut whole = escapeUpTo(text, maxChars);
        if (whole.consumed() == text.length()) {
            return whole.text();
        }
        // room for the marker, so the result stays within the bound (for any bound above the marker's size)
        Cut cut = escapeUpTo(text, Math.max(0, maxChars - MARKER_ROOM));
        return cut.text() + "…[+" + (text.length() - cut.consumed()) + " chars]";
    }

    private record Cut(String text, int consumed) {
    }

    /** Escapes from the start while the result fits {@code budget}; an escape is never cut in half. */
    private static Cut escapeUpTo(CharSequence text, int budget) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), budget) + 16);
        for (int i = 0; i < text.length(); i++) {
            String piece = escaped(text.charAt(i));
            if (out.length() + piece.length() > budget) {
                return new Cut(out.toString(), i);
            }
            out.append(piece);
        }
        return new Cut(out.toString(), text.length());
    }

    /** True when the character would be escaped. */
    public static boolean isUnsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028' || c == '\u2029'
                || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean isClean(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String escaped(char c) {
        if (!isUnsafe(c)) {
            return String.valueOf(c);
        }
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> String.format("\\u%04X", (int) c);
        };
    }
}
