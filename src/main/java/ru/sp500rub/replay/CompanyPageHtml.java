package ru.sp500rub.replay;

import java.math.BigDecimal;
import ru.sp500rub.model.PriceRange;
import ru.sp500rub.report.HtmlText;

/**
 * A company page in the site's v2 layout: the price section (name, {@code , CODE}, current price) and
 * the stock snapshot, whose items carry their value as a text node before the
 * {@code div.snapshot__header} label. Items the site has no figure for are left out, as it does.
 */
final class CompanyPageHtml {
    private CompanyPageHtml() {
    }

    static String render(CompanyFacts company) {
        String name = HtmlText.escape(company.name());
        String code = HtmlText.escape(company.code());
        String price = SiteFormat.money(company.priceUsd());
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%2$s Stock | %1$s Stock Price Today | Markets Insider</title>
                </head>
                <body>
                <main>
                <section class="price-section">
                	<div class="price-section__row">
                		<h1 class="price-section__identifiers">
                			<span class="price-section__label">%1$s </span>
                			<span class="price-section__category">
                				Stock <span>, %2$s</span>
                			</span>
                		</h1>
                		<div class="price-section__values">
                			<span class="price-section__current-value">%3$s</span>
                		</div>
                	</div>
                </section>
                <h2>Stock Snapshot</h2>
                <div class="snapshot">
                """.formatted(name, code, price));
        appendItem(html, "snapshot__data-item", price, "Prev. Close");
        company.yearRange().ifPresent(range -> appendYearRange(html, range, price));
        company.peRatio().ifPresent(pe -> appendItem(html, "snapshot__data-item", SiteFormat.money(pe), "P/E Ratio"));
        html.append("</div>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void appendYearRange(StringBuilder html, PriceRange range, String price) {
        html.append("\t<div class=\"snapshot__line\"></div>\n")
                .append("\t<div id=\"snapshot-highlow\" class=\"snapshot__highlow-container\">\n")
                .append("\t<div class=\"snapshot__highlow\">\n");
        appendItem(html, "snapshot__data-item snapshot__data-item--small", money(range.low()), "52 Week Low");
        appendItem(html, "snapshot__data-item snapshot__data-item--small snapshot__data-item--right",
                money(range.high()), "52 Week High");
        html.append("\t\t<div class=\"progress\"><div class=\"progress__label snapshot__price-label\">")
                .append(price).append("</div></div>\n")
                .append("\t</div>\n\t</div>\n")
                .append("\t<div class=\"snapshot__line\"></div>\n");
    }

    /** The value comes first as bare text, then the label: parsers must read the text before the header. */
    private static void appendItem(StringBuilder html, String cssClass, String value, String label) {
        html.append("\t<div class=\"").append(cssClass).append("\">\n")
                .append("\t\t").append(value).append('\n')
                .append("\t\t<div class=\"snapshot__header\">").append(label).append("</div>\n")
                .append("\t</div>\n");
    }

    private static String money(BigDecimal value) {
        return SiteFormat.money(value);
    }
}
