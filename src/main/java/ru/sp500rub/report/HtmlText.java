package ru.sp500rub.report;

/**
 * Text made safe for HTML, in element text and quoted attribute values alike: the five characters that
 * mean something there are escaped. The one escaper of every page the project writes (the status page,
 * the demo site's pages).
 */
public final class HtmlText {

    private HtmlText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
