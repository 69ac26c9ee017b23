package ru.sp500rub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crawls the demo site over HTTP the way the service will, checking the v2 structure with jsoup. */
class DemoSiteTest {
    private static final Pattern GROWTH = Pattern.compile("-?[0-9,]+\\.[0-9]{2}%");
    private static ReplayServer server;
    private static HttpClient client;
    private static Map<Integer, Document> indexPages;
    private static Map<String, Document> companyPages;
    private static Document bareIndexPath;

    @BeforeAll
    static void crawl() throws Exception {
        server = ReplayServer.serve(DemoSite.load(), Duration.ZERO);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        indexPages = new LinkedHashMap<>();
        bareIndexPath = html("/index/components/s&p_500");
        int pages = pageCount(bareIndexPath);
        for (int p = 1; p <= pages; p++) {
            indexPages.put(p, html("/index/components/s&p_500?p=" + p));
        }
        Set<String> companyPaths = new LinkedHashSet<>();
        indexPages.values().forEach(page -> page.select("tbody.table__tbody tr td:eq(0) a[href]")
                .forEach(a -> companyPaths.add(a.attr("href"))));
        Map<String, CompletableFuture<HttpResponse<byte[]>>> inFlight = new LinkedHashMap<>();
        companyPaths.forEach(path -> inFlight.put(path, client.sendAsync(request(path), HttpResponse.BodyHandlers.ofByteArray())));
        companyPages = new LinkedHashMap<>();
        inFlight.forEach((path, response) -> {
            assertThat(response.join().statusCode()).as(path).isEqualTo(200);
            companyPages.put(path, Jsoup.parse(new String(response.join().body(), StandardCharsets.UTF_8)));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void hasElevenIndexPagesWithAPagerListingThemAll() {
        assertThat(indexPages).hasSize(11);
        assertThat(indexPages.get(1).select("div.finando_paging a[href~=^\\?p=\\d+$]").eachAttr("href"))
                .contains("?p=1", "?p=2", "?p=11");
        assertThat(bareIndexPath.html()).isEqualTo(indexPages.get(1).html());
    }

    @Test
    void everyIndexRowHasEightCellsANameLinkAndAOneYearChangeLast() {
        indexPages.forEach((p, page) -> {
            assertThat(page.select("table.table.table__layout--fixed > thead.table__thead")).as("page %d", p).hasSize(1);
            List<Element> rows = page.select("table.table.table__layout--fixed > tbody.table__tbody > tr");
            assertThat(rows).as("page %d", p).isNotEmpty().hasSizeLessThanOrEqualTo(50);
            rows.forEach(row -> {
                assertThat(row.select("> td")).hasSize(8);
                assertThat(row.selectFirst("> td a[href^=/stocks/]").text()).isNotBlank();
                assertThat(row.select("> td").get(7).select("span").last().text()).matches(GROWTH);
            });
        });
        assertThat(indexPages.get(1).select("tbody.table__tbody tr").size()).isBetween(46, 50);
    }

    @Test
    void linksAbout496DistinctCompaniesPlusTheSearchPageWhichIsNotOne() {
        assertThat(companyPages).hasSize(DemoSite.facts().size()).hasSizeBetween(490, 505);
        indexPages.values().forEach(page -> assertThat(page.select("a[href=/stocks/find-stocks]").attr("title"))
                .isEqualTo("Stocks Advanced Search"));
        assertThat(companyPages).doesNotContainKey("/stocks/find-stocks");
        assertThat(server.requestCount()).isEqualTo(1 + 11 + companyPages.size());
    }

    @Test
    void companyPagesCarryNameCodeAndPriceInThePriceSection() {
        Document mmm = companyPages.get("/stocks/mmm-stock");
        assertThat(mmm.selectFirst("span.price-section__label").text()).isEqualTo("3M Co.");
        assertThat(mmm.selectFirst("span.price-section__category > span").text()).isEqualTo(", MMM");
        assertThat(mmm.selectFirst("span.price-section__current-value").text()).isEqualTo("177.59");
        assertThat(snapshotValue(mmm, "P/E Ratio")).hasValue("19.91");
        assertThat(snapshotValue(mmm, "52 Week Low")).hasValue("163.43");
        assertThat(snapshotValue(mmm, "52 Week High")).hasValue("208.95");

        Document att = companyPages.get("/stocks/t-stock");
        assertThat(att.selectFirst("span.price-section__label").text()).isEqualTo("AT&T Inc. (AT & T Inc.)");
    }

    @Test
    void coversTheAwkwardCases() {
        assertThat(companyPages.values()).anySatisfy(page -> assertThat(snapshotValue(page, "P/E Ratio")).isEmpty());
        assertThat(companyPages.values()).anySatisfy(page ->
                assertThat(snapshotValue(page, "P/E Ratio")).hasValueSatisfying(pe -> assertThat(pe).startsWith("-")));
        assertThat(companyPages.values()).anySatisfy(page -> {
            assertThat(snapshotValue(page, "52 Week Low")).isEmpty();
            assertThat(snapshotValue(page, "52 Week High")).isEmpty();
        });
        assertThat(companyPages.values()).anySatisfy(page ->
                assertThat(page.selectFirst("span.price-section__current-value").text()).matches("\\d{1,3}(,\\d{3})+\\.\\d{2}"));
        assertThat(companyPages.get("/stocks/nvr-stock").selectFirst("span.price-section__current-value").text())
                .isEqualTo("5,904.20");
        assertThat(indexPages.values()).anySatisfy(page ->
                assertThat(page.select("tbody.table__tbody tr td:eq(7) span").eachText()).anyMatch(t -> t.startsWith("-")));
    }

    @Test
    void theCbrXmlIsWindows1251WithADecimalCommaForAnyQuery() throws Exception {
        for (String target : List.of("/scripts/XML_daily.asp", "/scripts/XML_daily.asp?date_req=31/12/2021")) {
            HttpResponse<byte[]> xml = client.send(request(target), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(xml.statusCode()).isEqualTo(200);
            assertThat(xml.headers().firstValue("Content-Type")).hasValue("application/xml; charset=windows-1251");
            String text = new String(xml.body(), CbrDailyXml.WINDOWS_1251);
            assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\"?>")
                    .contains("<ValCurs Date=\"31.12.2021\" name=\"Foreign Currency Market\">")
                    .contains("<Valute ID=\"R01235\"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal>"
                            + "<Name>Доллар США</Name><Value>74,2926</Value></Valute>")
                    .contains("<Nominal>100</Nominal>");
            assertThat(new String(xml.body(), StandardCharsets.UTF_8)).doesNotContain("Доллар США");
        }
    }

    /** The value of a snapshot item: the text before its {@code div.snapshot__header} label. */
    static Optional<String> snapshotValue(Document page, String label) {
        for (Element header : page.select("div.snapshot div.snapshot__data-item > div.snapshot__header")) {
            if (header.text().equals(label)) {
                return Optional.of(header.parent().textNodes().stream().map(TextNode::text)
                        .map(String::strip).filter(t -> !t.isEmpty()).findFirst().orElse(""));
            }
        }
        return Optional.empty();
    }

    private static int pageCount(Document page) {
        return page.select("div.finando_paging a[href]").eachAttr("href").stream()
                .filter(href -> href.matches("\\?p=\\d+"))
                .mapToInt(href -> Integer.parseInt(href.substring(3)))
                .max().orElse(1);
    }

    private static Document html(String target) throws Exception {
        HttpResponse<String> response = client.send(request(target), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(target).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        return Jsoup.parse(response.body());
    }

    private static HttpRequest request(String target) {
        return HttpRequest.newBuilder(URI.create(server.baseUri() + target)).build();
    }
}
