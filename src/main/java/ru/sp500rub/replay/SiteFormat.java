package ru.sp500rub.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How the site writes numbers and text into its pages. */
final class SiteFormat {
    private SiteFormat() {
    }

    /** Two decimals with thousands separators, as the site shows prices: {@code 5,904.20}, {@code -5.10}. */
    static String money(BigDecimal value) {
        // DecimalFormat is not thread-safe and cheap to make
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    /** Text and attribute values escaped for HTML: company names carry '&' (AT&T, S&P Global). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
