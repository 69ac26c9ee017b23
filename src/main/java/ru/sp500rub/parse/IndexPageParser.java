package ru.sp500rub.parse;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.IndexPage;

/**
 * Parses one page of the S&P 500 components list of Business Insider Markets
 * ({@code /index/components/s&p_500?p=N}) into its companies and the number of pages.
 *
 * <p>Accepted layouts:
 * <ul>
 *   <li>v1 (2020-12 .. 2021-04): {@code table.table-small}, 11 cells a row, the 1-year change in the
 *       10th cell;</li>
 *   <li>v2 (2021-06 .. 2022-01): {@code table.table__layout--fixed tbody.table__tbody}, 8 cells a row,
 *       the 1-year change in the 8th cell.</li>
 * </ul>
 * Raw responses, browser-saved pages (absolute links), body-only captures, letter pages and
 * fragments that still contain the table are all accepted. Company links are resolved against the
 * URL the page was fetched from, so a replay on another host keeps its own host. A row is a company
 * when its first cell links to a stock page ({@code /stocks/...}, never {@code /stocks/find-stocks});
 * its name is the link text and may be empty (see {@link #nameOf}). The page count comes from the
 * pager; a page without a pager is one page.
 *
 * <p>Anything else fails with {@link LayoutNotRecognisedException}: a page without a components
 * table, or whose table yields no company, must not pass for an empty index.
 */
public final class IndexPageParser {

    private static final String FIND_STOCKS_PATH = "/stocks/find-stocks";

    /** A v2 components table and the pager under it: all an index page is read for (about half of it). */
    private static final Pattern V2_TABLE = Pattern.compile("table__layout--fixed", Pattern.LITERAL);
    private static final Pattern PAGER = Pattern.compile("finando_paging", Pattern.LITERAL);

    /**
     * Reads the page from its v2 table and pager alone when both can be cut out (see
     * {@link HtmlElements}); the whole page decides in every other case.
     */
    public IndexPage parse(String html, URI pageUrl) {
        return tableAndPager(html)
                .flatMap(fragment -> parseTableAndPager(fragment, pageUrl))
                .orElseGet(() -> parseWhole(html, pageUrl));
    }

    static Optional<String> tableAndPager(String html) {
        Optional<int[]> table = HtmlElements.around(html, V2_TABLE, c -> c == '"' || c == ' ');
        Optional<int[]> pager = HtmlElements.around(html, PAGER, c -> c == '"' || c == ' ');
        if (table.isEmpty() || pager.isEmpty() || !html.startsWith("<table", table.get()[0])) {
            return Optional.empty();
        }
        return Optional.of(html.substring(table.get()[0], table.get()[1]) + html.substring(pager.get()[0], pager.get()[1]));
    }

    static Optional<IndexPage> parseTableAndPager(String fragment, URI pageUrl) {
        Document page = Jsoup.parseBodyFragment(fragment);
        if (page.selectFirst("div.finando_paging") == null) {
            return Optional.empty(); // the marker was somewhere else (a stylesheet, a script): no page count to trust
        }
        try {
            return Optional.of(read(page, pageUrl));
        } catch (LayoutNotRecognisedException incomplete) {
            return Optional.empty();
        }
    }

    static IndexPage parseWhole(String html, URI pageUrl) {
        return read(Jsoup.parse(html), pageUrl);
    }

    private static IndexPage read(Document page, URI pageUrl) {
        ComponentsTableLayout.Found table = ComponentsTableLayout.find(page)
                .orElseThrow(() -> new LayoutNotRecognisedException("no components table"));
        List<IndexEntry> entries = new ArrayList<>();
        for (Element row : table.rows()) {
            entryOf(row, table.layout(), pageUrl).ifPresent(entries::add);
        }
        if (entries.isEmpty()) {
            throw new LayoutNotRecognisedException("no companies in components table");
        }
        return new IndexPage(entries, Pager.pageCount(page));
    }

    /** A row is a company only if its first cell links to a stock page; header rows are not. */
    private static Optional<IndexEntry> entryOf(Element row, ComponentsTableLayout layout, URI pageUrl) {
        Elements cells = row.select("> td");
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        for (Element link : cells.first().select("a[href]")) {
            Optional<URI> stockPage = stockPageUrl(link.attr("href"), pageUrl);
            if (stockPage.isPresent()) {
                return Optional.of(new IndexEntry(nameOf(link), stockPage.get(), yearChange(cells, layout)));
            }
        }
        return Optional.empty();
    }

    /**
     * The link text, else its title. Both can be empty: the site listed Public Service Enterprise
     * Group and Public Storage with {@code <a href="/stocks/peg-stock" title=""></a>} on 2022-01-06.
     * Such a row is still a company (its company page has the name), so it is kept with an empty name.
     */
    private static String nameOf(Element link) {
        String text = link.text().strip();
        return text.isEmpty() ? link.attr("title").strip() : text;
    }

    private static Optional<URI> stockPageUrl(String href, URI pageUrl) {
        URI resolved;
        try {
            resolved = pageUrl.resolve(new URI(href.strip()));
        } catch (URISyntaxException | IllegalArgumentException notALink) {
            return Optional.empty();
        }
        String path = resolved.getPath();
        boolean isStockPage = path != null
                && path.startsWith("/stocks/")
                && path.length() > "/stocks/".length()
                && !path.startsWith(FIND_STOCKS_PATH);
        return isStockPage ? Optional.of(resolved) : Optional.empty();
    }

    /** The last span of the 1-year cell is the percentage; the one before it is the absolute change. */
    private static Optional<BigDecimal> yearChange(Elements cells, ComponentsTableLayout layout) {
        return layout.yearChangeCell(cells)
                .map(cell -> cell.select("span").last())
                .filter(span -> span.text().contains("%"))
                .flatMap(span -> Numbers.parseDecimal(span.text()));
    }
}
