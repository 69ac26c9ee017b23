package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.sp500rub.SharedFixtures;
import ru.sp500rub.model.IndexEntry;
import ru.sp500rub.model.IndexPage;

class IndexPageParserTest {

    /** Where a replay serves the index: relative company links must land on this host and port. */
    private static final URI REPLAY_PAGE = URI.create("http://127.0.0.1:8080/index/components/s&p_500?p=1");
    private static final String SITE = "markets.businessinsider.com";
    private static final String REPLAY = "127.0.0.1";
    private static final String BI = "businessinsider/";

    private final IndexPageParser parser = new IndexPageParser();

    /**
     * Every recorded components page. Expected values were read off the HTML: number of company rows,
     * the highest page in the pager (1 without a pager), first and last row with the last span of its
     * 1-year cell. Browser-saved pages carry absolute links to the live site, which are kept.
     */
    @Nested
    class RecordedPages {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                # file                                              | rows | pages | host  | first name         | first growth | first slug  | last name                 | last growth | last slug
                2020-12-17_RomanSafe/components_p1.html             | 46   | 10    | SITE  | 3M                 | 2.54         | mmm-stock   | S&P Global                | 11.10       | spgi-stock
                2020-12-24_dmitriy642010/components_p1.html         | 47   | 10    | LOCAL | 3M                 | 0.17         | mmm-stock   | S&P Global                | 18.16       | spgi-stock
                2020-12-24_dmitriy642010/components_p1.body-only.html | 47 | 10    | LOCAL | 3M                 | 0.17         | mmm-stock   | S&P Global                | 18.16       | spgi-stock
                2020-12-27_Angelina151612/components_p1.html        | 47   | 10    | LOCAL | 3M                 | -1.52        | mmm-stock   | S&P Global                | 18.16       | spgi-stock
                2021-01-04_ValeriL/components_p1.trimmed.html       | 2    | 10    | LOCAL | 3M                 | -1.31        | mmm-stock   | AO Smith                  | 14.84       | aos-stock
                2021-01-08_mag-id/components_p1.html                | 47   | 10    | LOCAL | 3M                 | -3.94        | mmm-stock   | S&P Global                | 17.71       | spgi-stock
                2021-04-14_sls88/components_p1.html                 | 46   | 10    | LOCAL | 3M                 | 33.89        | mmm-stock   | Arthur J Gallagher &      | 52.50       | ajg-stock
                2021-04-20_guzvladimir/components_p1.html           | 46   | 10    | LOCAL | 3M                 | 35.46        | mmm-stock   | Arthur J Gallagher &      | 59.08       | ajg-stock
                2021-06-10_YuryVA/components_X.html                 | 4    | 1     | SITE  | Xcel Energy Inc.   | 4.73         | xel-stock   | Xylem Inc.                | 58.46       | xyl-stock
                2021-06-13_alexplahotnik/components_p1.fragment.html | 10  | 1     | LOCAL | 3M                 | 22.16        | mmm-stock   | Aflac                     | 42.43       | afl-stock
                2021-06-15_serereg/components_p1.trimmed.html       | 2    | 10    | SITE  | 3M                 | 31.19        | mmm-stock   | AO Smith                  | 44.93       | aos-stock
                2021-06-16_JeRusakow/components_last.trimmed.html   | 4    | 6     | LOCAL | YUM! Brands        | 17.04        | yum-stock   | Zoeti a                   | 28.71       | zts-stock
                2021-08-19_Inna-Mazhorova/components_p1.html        | 49   | 11    | LOCAL | 3M                 | 22.80        | mmm-stock   | Arthur J. Gallagher       | 34.12       | ajg-stock
                2021-10-28_Artemzhi38/components_p1.html            | 50   | 11    | SITE  | 3M                 | 9.84         | mmm-stock   | Arthur J. Gallagher       | 54.98       | ajg-stock
                2021-10-28_sweetysweat/components_p1.trimmed.html   | 3    | 2     | LOCAL | 3M                 | 9.84         | mmm-stock   | Abbott Laboratories       | 16.22       | abt-stock
                2021-12-27_kuweg/components_p11.html                | 5    | 11    | SITE  | YUM! Brands        | 24.18        | yum-stock   | Zoeti a                   | 46.90       | zts-stock
                2021-12-29_i-n-samartsev/components_p1.html         | 50   | 11    | LOCAL | 3M                 | 0.17         | mmm-stock   | Arthur J. Gallagher       | 34.83       | ajg-stock
                2021-12-29_i-n-samartsev/components_p1.fetch2.html  | 50   | 11    | LOCAL | 3M                 | 0.17         | mmm-stock   | Arthur J. Gallagher       | 34.83       | ajg-stock
                2022-01-06_i-n-samartsev/components_p1.html         | 50   | 11    | LOCAL | 3M                 | 1.67         | mmm-stock   | Arthur J. Gallagher       | 36.99       | ajg-stock
                2022-01-06_i-n-samartsev/components_p2.html         | 47   | 11    | LOCAL | Assurant           | 14.36        | aiz-stock   | CenterPoint Energy        | 28.87       | cnp-stock
                2022-01-06_i-n-samartsev/components_p3.html         | 50   | 11    | LOCAL | Cerner             | 18.34        | cern-stock  | Discovery Communication a | -21.77      | disca-stock
                2022-01-06_i-n-samartsev/components_p4.html         | 47   | 11    | LOCAL | Discovery Communications | -12.56 | disck-stock | Fiserv                    | -8.84       | fisv-stock
                2022-01-06_i-n-samartsev/components_p5.html         | 50   | 11    | LOCAL | FleetCor Technologies | -18.00    | flt-stock   | The Hershey               | 26.92       | hsy-stock
                2022-01-06_i-n-samartsev/components_p6.html         | 50   | 11    | LOCAL | Harris             | 12.74        | lhx-stock   | Marsh & McLennan Cos      | 48.11       | mmc-stock
                2022-01-06_i-n-samartsev/components_p7.html         | 49   | 11    | LOCAL | Martin Marietta Materials | 54.98 | mlm-stock   | The Mosaic                | 70.87       | mos-stock
                2022-01-06_i-n-samartsev/components_p8.html         | 50   | 11    | LOCAL | Occidental Petroleum | 67.40      | oxy-stock   | ResMed                    | 23.20       | rmd-stock
                2022-01-06_i-n-samartsev/components_p9.html         | 48   | 11    | LOCAL | Robert Half        | 78.23        | rhi-stock   | Travelers                 | 11.40       | trv-stock
                2022-01-06_i-n-samartsev/components_p10.html        | 50   | 11    | LOCAL | Grainger           | 26.90        | gww-stock   | Xylem                     | 17.85       | xyl-stock
                """)
        void parsesEveryRecordedComponentsPage(String file, int rows, int pages, String host,
                                               String firstName, BigDecimal firstGrowth, String firstSlug,
                                               String lastName, BigDecimal lastGrowth, String lastSlug) {
            IndexPage page = parser.parse(SharedFixtures.read(BI + file), REPLAY_PAGE);

            assertThat(page.entries()).hasSize(rows);
            assertThat(page.pageCount()).isEqualTo(pages);
            String expectedHost = host.equals("SITE") ? SITE : REPLAY;
            assertEntry(page.entries().get(0), firstName, firstGrowth, expectedHost, firstSlug);
            assertEntry(page.entries().get(rows - 1), lastName, lastGrowth, expectedHost, lastSlug);
            assertOnlyCompanyPages(page.entries());
            assertThat(page.entries()).allSatisfy(entry -> assertThat(entry.growthPercent()).isPresent());
        }

        @Test
        void relativeLinksKeepTheReplayPort() {
            IndexPage page = parser.parse(SharedFixtures.read(BI + "2022-01-06_i-n-samartsev/components_p1.html"),
                    REPLAY_PAGE);

            assertThat(page.entries().get(0).pageUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/stocks/mmm-stock"));
        }

        @Test
        void absoluteLinksOfABrowserSavedPageAreKeptAsTheyAre() {
            IndexPage page = parser.parse(SharedFixtures.read(BI + "2021-10-28_Artemzhi38/components_p1.html"),
                    REPLAY_PAGE);

            assertThat(page.entries().get(0).pageUrl())
                    .isEqualTo(URI.create("https://markets.businessinsider.com/stocks/mmm-stock"));
        }

        @Test
        void namesAreDecodedAndTrimmed() {
            IndexPage page = parser.parse(SharedFixtures.read(BI + "2022-01-06_i-n-samartsev/components_p6.html"),
                    REPLAY_PAGE);

            assertThat(page.entries()).extracting(IndexEntry::name).contains("Marsh & McLennan Cos")
                    .allSatisfy(name -> assertThat(name).isEqualTo(name.strip()).doesNotContain("&amp;"));
        }

        /** The live site sent {@code <a href="/stocks/peg-stock" title=""></a>}: still a company. */
        @Test
        void rowWithAnEmptyLinkIsStillACompany() {
            IndexPage page = parser.parse(SharedFixtures.read(BI + "2022-01-06_i-n-samartsev/components_p8.html"),
                    REPLAY_PAGE);

            assertThat(page.entries()).filteredOn(entry -> entry.name().isEmpty())
                    .extracting(entry -> entry.pageUrl().getPath(), IndexEntry::growthPercent)
                    .containsExactly(
                            tuple("/stocks/peg-stock", Optional.of(new BigDecimal("13.66"))),
                            tuple("/stocks/psa-stock", Optional.of(new BigDecimal("61.44"))));
        }

        /** Pages 1-10 of 2022-01-06 and the last page of 2021-12-27 together: the whole index. */
        @Test
        void elevenPagesListEveryCompanyOnce() {
            List<String> files = IntStream.rangeClosed(1, 10)
                    .mapToObj(p -> BI + "2022-01-06_i-n-samartsev/components_p" + p + ".html")
                    .collect(Collectors.toCollection(ArrayList::new));
            files.add(BI + "2021-12-27_kuweg/components_p11.html");
            Set<String> companyPaths = new HashSet<>();
            int rows = 0;
            for (String file : files) {
                IndexPage page = parser.parse(SharedFixtures.read(file), REPLAY_PAGE);
                assertThat(page.pageCount()).as(file).isEqualTo(11);
                rows += page.entries().size();
                page.entries().forEach(entry -> companyPaths.add(entry.pageUrl().getPath()));
            }

            assertThat(rows).isEqualTo(496);
            assertThat(companyPaths).hasSize(496);
        }

        /** The author rewrote every company link to "/mmm", "/aos", "/abt": no row links a stock page. */
        @Test
        void tableWhoseLinksWereRewrittenHasNoCompanies() {
            String html = SharedFixtures.read(BI + "2021-10-14_fl4kee/components_p1.trimmed.html");

            assertThatThrownBy(() -> parser.parse(html, REPLAY_PAGE))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no companies in components table");
        }

        /** Rows cut out of their table: an HTML parser drops a bare tr, so there is no table to read. */
        @Test
        void rowsWithoutTheirTableAreNoComponentsTable() {
            String html = SharedFixtures.read(BI + "2021-12-27_Snaipergelka/mixed.trimmed.html");

            assertThatThrownBy(() -> parser.parse(html, REPLAY_PAGE))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no components table");
        }

        @Test
        void aCompanyPageIsNotAnIndexPage() {
            String html = SharedFixtures.read(BI + "2021-12-29_i-n-samartsev/MMM.html");

            assertThatThrownBy(() -> parser.parse(html, REPLAY_PAGE))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no components table");
        }
    }

    @Nested
    class SyntheticPages {

        @Test
        void unknownLayoutFailsLoudly() {
            assertThatThrownBy(() -> parser.parse("<html><body><p>hello</p></body></html>", REPLAY_PAGE))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no components table");
        }

        @Test
        void findStocksLinkOutsideTheTableIsNoCompanyAndNoTable() {
            String html = """
                    <html><body>
                    <a href="/stocks/find-stocks" title="Stocks Advanced Search">Stocks Advanced Search</a>
                    <table class="table"><tr><td><a href="/stocks/find-stocks">Stocks Finder</a></td></tr></table>
                    </body></html>""";

            assertThatThrownBy(() -> parser.parse(html, REPLAY_PAGE))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no components table");
        }

        @Test
        void findStocksLinkInsideTheTableIsSkipped() {
            String html = v2Page(
                    row("/stocks/find-stocks", "Stocks Advanced Search", "-"),
                    row("/stocks/mmm-stock", "3M", "1.67%"));

            IndexPage page = parser.parse(html, REPLAY_PAGE);

            assertThat(page.entries()).containsExactly(
                    new IndexEntry("3M", URI.create("http://127.0.0.1:8080/stocks/mmm-stock"),
                            Optional.of(new BigDecimal("1.67"))));
        }

        @Test
        void tableWithOnlyNonCompanyRowsFails() {
            String html = v2Page(row("/stocks/find-stocks", "Stocks Advanced Search", "1.00%"));

            assertThatThrownBy(() -> parser.parse(html, REPLAY_PAGE))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no companies in components table");
        }

        @Test
        void growthKeepsSignAndThousandsSeparators() {
            String html = v2Page(
                    row("/stocks/tsla-stock", "Tesla", "1,234.56%"),
                    row("/stocks/ccl-stock", "Carnival", "-11.22%"));

            IndexPage page = parser.parse(html, REPLAY_PAGE);

            assertThat(page.entries()).extracting(IndexEntry::growthPercent)
                    .containsExactly(Optional.of(new BigDecimal("1234.56")), Optional.of(new BigDecimal("-11.22")));
        }

        @Test
        void unreadableGrowthIsEmptyNotZero() {
            String html = v2Page(
                    row("/stocks/new-stock", "Newcomer", "-"),
                    row("/stocks/odd-stock", "Odd", "n/a"));

            IndexPage page = parser.parse(html, REPLAY_PAGE);

            assertThat(page.entries()).hasSize(2)
                    .allSatisfy(entry -> assertThat(entry.growthPercent()).isEmpty());
        }

        @Test
        void pageWithoutPagerIsOnePage() {
            IndexPage page = parser.parse(v2Page(row("/stocks/mmm-stock", "3M", "1.67%")), REPLAY_PAGE);

            assertThat(page.pageCount()).isEqualTo(1);
        }

        @Test
        void pageCountIsTheHighestPageThePagerNames() {
            String pager = """
                    <div class="finando_paging margin-top--small">
                    Page: <a href="?p=6"><img class="pager_prev" alt="Back"></a>&nbsp;<a href="?p=1">1</a> | ... |
                    <a href="?p=7"><strong>7</strong></a> | <a href="?p=8">8</a> | <a href="?p=12">12</a>&nbsp;
                    <a href="?p=8"><img class="pager_next" alt="Next"></a></div>""";

            IndexPage page = parser.parse(v2Page(row("/stocks/mmm-stock", "3M", "1.67%")) + pager, REPLAY_PAGE);

            assertThat(page.pageCount()).isEqualTo(12);
        }

        private static String v2Page(String... rows) {
            return "<html><body><table class=\"table table__layout--fixed\"><thead class=\"table__thead\"><tr>"
                    + "<th>Name</th></tr></thead><tbody class=\"table__tbody\">" + String.join("", rows)
                    + "</tbody></table></body></html>";
        }

        private static String row(String href, String name, String yearPercent) {
            return "<tr><td class=\"table__td table__td--big\"><a href=\"" + href + "\" title=\"" + name + "\">"
                    + name + "</a></td>"
                    + "<td>1.00<br/>1.00</td><td>1.00<br/>1.00</td><td><span>0.01</span><br/><span>0.10%</span></td>"
                    + "<td><span>04:00 PM</span></td><td><span>1.00</span><br/><span>1.00%</span></td>"
                    + "<td><span>2.00</span><br/><span>2.00%</span></td>"
                    + "<td><span>3.00</span><br/><span>" + yearPercent + "</span></td></tr>";
        }
    }

    private static void assertEntry(IndexEntry entry, String name, BigDecimal growth, String host, String slug) {
        assertThat(entry.name()).isEqualTo(name);
        assertThat(entry.growthPercent()).contains(growth);
        assertThat(entry.pageUrl().getHost()).isEqualTo(host);
        assertThat(entry.pageUrl().getPath()).isEqualTo("/stocks/" + slug);
    }

    private static void assertOnlyCompanyPages(List<IndexEntry> entries) {
        assertThat(entries).extracting(entry -> entry.pageUrl().getPath())
                .doesNotHaveDuplicates()
                .allSatisfy(path -> assertThat(path).matches("/stocks/[a-z0-9.-]+-stock"))
                .noneSatisfy(path -> assertThat(path).contains("find-stocks"));
        assertThat(entries).extracting(IndexEntry::name).doesNotContain("Stocks Advanced Search", "Stocks Finder");
    }
}
