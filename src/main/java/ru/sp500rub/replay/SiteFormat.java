package ru.sp500rub.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How the site writes numbers into its pages (text is escaped with {@link ru.sp500rub.report.HtmlText}). */
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
}
