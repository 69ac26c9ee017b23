package ru.sp500rub.replay;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import ru.sp500rub.report.HtmlText;

/**
 * One components index page in the site's v2 layout: the components table
 * ({@code table.table.table__layout--fixed}, 8 cells a row, the 1-year change last), the
 * {@code div.finando_paging} pager and the "Stocks Advanced Search" link, which is not a company.
 */
final class IndexPageHtml {
    /** A transparent 1x1 GIF: the live pager's "next" arrow is an image, so the link has no text. */
    private static final String NEXT_ARROW =
            "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private IndexPageHtml() {
    }

    static String render(List<CompanyFacts> rows, int page, int pageCount) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>S&amp;P 500 Components | Markets Insider</title>
                </head>
                <body>
                <header class="navigation-region__header">
                	<div class="navigation-region__search">
                		<a href="/stocks/find-stocks" title="Stocks Advanced Search" class="button"><span class="icon icon-search"></span></a>
                	</div>
                </header>
                <main>
                <h1>S&amp;P 500 Components</h1>
                <div class="table-responsive">
                	<table class="table table__layout--fixed">
                		<thead class="table__thead">
                			<tr>
                				<th class="table__th">Name</th>
                				<th class="table__th">Latest Price<br />Previous Close</th>
                				<th class="table__th">Low<br />High</th>
                				<th class="table__th">+/-<br />%</th>
                				<th class="table__th">Time<br />Date</th>
                				<th class="table__th">3 Mo.<br />+/-<br />%</th>
                				<th class="table__th">6 Mo.<br />+/-<br />%</th>
                				<th class="table__th">1 Year<br />+/-<br />%</th>
                			</tr>
                		</thead>
                		<tbody class="table__tbody">
                """);
        rows.forEach(company -> appendRow(html, company));
        html.append("""
                		</tbody>
                	</table>
                </div>
                """);
        appendPager(html, page, pageCount);
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Only the name link, the price and the 1-year change are known; the other cells stay empty. */
    private static void appendRow(StringBuilder html, CompanyFacts company) {
        String name = HtmlText.escape(company.name());
        String price = SiteFormat.money(company.priceUsd());
        String colour = company.growthPercent().signum() < 0 ? "colorRed" : "colorGreen";
        html.append("\t\t\t<tr>\n")
                .append("\t\t\t\t<td class=\"table__td table__td--big\">\n")
                .append("<a href=\"").append(company.pagePath()).append("\" title=\"").append(name).append("\">")
                .append(name).append("</a>\n\t\t\t\t</td>\n")
                .append("\t\t\t\t<td class=\"table__td\">\n").append(price).append("<br />\n").append(price)
                .append("\n\t\t\t\t</td>\n")
                .append("\t\t\t\t<td class=\"table__td\"></td>\n".repeat(5))
                .append("\t\t\t\t<td class=\"table__td\">\n")
                .append("<span class=\"").append(colour).append("\">").append(yearChange(company)).append("</span><br />\n")
                .append("<span class=\"").append(colour).append("\">").append(SiteFormat.money(company.growthPercent()))
                .append("%</span>\n\t\t\t\t</td>\n")
                .append("\t\t\t</tr>\n");
    }

    /** The change in USD over the year that the percentage implies: price - price / (1 + pct/100). */
    private static String yearChange(CompanyFacts company) {
        BigDecimal factor = BigDecimal.ONE.add(company.growthPercent().divide(HUNDRED, MathContext.DECIMAL64));
        if (factor.signum() <= 0) {
            return SiteFormat.money(company.priceUsd().negate());
        }
        BigDecimal yearAgo = company.priceUsd().divide(factor, MathContext.DECIMAL64);
        return SiteFormat.money(company.priceUsd().subtract(yearAgo));
    }

    /** Every page is listed, the current one in bold, then a "next" arrow except on the last page. */
    private static void appendPager(StringBuilder html, int page, int pageCount) {
        html.append("\t<div class=\"finando_paging margin-top--small\">\n\t\tPage: ");
        for (int p = 1; p <= pageCount; p++) {
            if (p > 1) {
                html.append(" | ");
            }
            String label = p == page ? "<strong>" + p + "</strong>" : String.valueOf(p);
            html.append("<a href=\"?p=").append(p).append("\">").append(label).append("</a>");
        }
        if (page < pageCount) {
            html.append("&nbsp;<a href=\"?p=").append(page + 1).append("\"><img src=\"").append(NEXT_ARROW)
                    .append("\" class=\"pager_next\" alt=\"Next\"></a>");
        }
        html.append("\n\t</div>\n");
    }
}
