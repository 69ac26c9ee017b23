package ru.sp500rub.cluster;

/**
 * Text from outside made safe for one log line or a message header: control and format characters
 * (newlines, bidi overrides) become '?', and it is cut to a length.
 */
public final class LogText {
    private LogText() {
    }

    public static String of(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 3);
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(isPrintable(c) ? c : '?');
        }
        if (text.length() > maxChars) {
            out.append("...");
        }
        return out.toString();
    }

    public static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPrintable(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(char c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }
}
