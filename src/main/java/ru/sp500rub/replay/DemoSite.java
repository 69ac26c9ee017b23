package ru.sp500rub.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An offline copy of the site made by our own templates from public figures
 * ({@code demo/sp500-facts.tsv}: the S&P 500 components of 1 January 2022) and the Bank of Russia rates
 * of 31.12.2021 (USD 74,2926): components pages {@code /index/components/s&p_500?p=1..N}, one page per
 * company at {@code /stocks/{slug}}, and {@code /scripts/XML_daily.asp} for any query. Serve it with
 * {@link ReplayServer#serve(Site, java.time.Duration)}.
 */
public final class DemoSite {
    /** Rows per components page: spreads the ~496 companies over 11 pages, as the live site does. */
    public static final int ROWS_PER_PAGE = 46;
    public static final String INDEX_PATH = "/index/components/s&p_500";
    public static final String CBR_PATH = "/scripts/XML_daily.asp";
    /** The ValCurs Date of the demo's rates. */
    public static final LocalDate RATE_DATE = LocalDate.of(2021, 12, 31);
    static final String FACTS_RESOURCE = "/demo/sp500-facts.tsv";
    static final String RATES_RESOURCE = "/demo/cbr-daily-2021-12-31.tsv";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CBR_XML = "application/xml; charset=windows-1251";

    private DemoSite() {
    }

    /** Renders the whole site into memory (~3 MB). */
    public static Site load() {
        return Site.of(render(facts()));
    }

    /** The companies the demo shows, in index order: what a correct scrape of the demo must find. */
    public static List<CompanyFacts> facts() {
        try (InputStream in = DemoSite.class.getResourceAsStream(FACTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FACTS_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (!CompanyFacts.HEADER.equals(header)) {
                throw new IllegalStateException(FACTS_RESOURCE + " must start with: " + CompanyFacts.HEADER);
            }
            return reader.lines().filter(line -> !line.isBlank()).map(CompanyFacts::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FACTS_RESOURCE, e);
        }
    }

    /** How many components pages the demo has. */
    public static int pageCount(int companies) {
        return Math.max(1, (companies + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
    }

    /** The responses of a site showing these companies, keyed as a manifest would key them. */
    public static Map<String, Site.Response> render(List<CompanyFacts> companies) {
        Map<String, Site.Response> routes = new LinkedHashMap<>();
        int pages = pageCount(companies.size());
        for (int page = 1; page <= pages; page++) {
            List<CompanyFacts> rows = companies.subList((page - 1) * ROWS_PER_PAGE,
                    Math.min(page * ROWS_PER_PAGE, companies.size()));
            Site.Response html = html(IndexPageHtml.render(rows, page, pages));
            routes.put(INDEX_PATH + "?p=" + page, html);
            if (page == 1) {
                routes.put(INDEX_PATH, html);
            }
        }
        companies.forEach(company -> routes.put(company.pagePath(), html(CompanyPageHtml.render(company))));
        Site.Response rates = new Site.Response(200, CBR_XML,
                CbrDailyXml.render(RATE_DATE, CbrDailyXml.readValutes(RATES_RESOURCE)));
        routes.put(CBR_PATH, rates);
        routes.put(CBR_PATH + RequestKeys.ANY_QUERY, rates);
        return routes;
    }

    private static Site.Response html(String page) {
        return new Site.Response(200, HTML, page.getBytes(StandardCharsets.UTF_8));
    }
}
