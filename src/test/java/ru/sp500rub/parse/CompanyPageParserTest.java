package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.sp500rub.SharedFixtures;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.PriceRange;

class CompanyPageParserTest {

    private static final String BI = "businessinsider/";

    private final CompanyPageParser parser = new CompanyPageParser();

    /**
     * Every recorded full company page, with the values read off its HTML. An empty P/E or 52-week
     * column means the page has no such snapshot item. On the v1 pages (2020-12 .. 2021-01) the
     * 52-week values are the {@code low52weeks}/{@code high52weeks} numbers of the inline Vue script
     * (TSLA's low is 70.102 there, displayed as 70.10). The price is the main price section's, not
     * the "Official Close" block beside it (e.g. dmitriy642010/MMM: 174.94 pre-market vs 174.52).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # file                                  | code  | name                     | price   | P/E      | 52w low | 52w high
            2020-12-24_dmitriy642010/MMM.html       | MMM   | 3M Co.                   | 174.94  | 20.12    | 114.04  | 182.53
            2020-12-27_Angelina151612/MMM.html      | MMM   | 3M Co.                   | 174.52  | 20.12    | 114.04  | 182.53
            2021-01-04_ValeriL/TSLA.html            | TSLA  | Tesla                    | 723.72  | 14392.16 | 70.102  | 718.72
            2021-01-08_mag-id/ALLE.html             | ALLE  | Allegion PLC             | 119.98  |          | 77.38   | 139.24
            2021-01-08_mag-id/AMZN.html             | AMZN  | Amazon                   | 3181.10 | 81.55    | 1627    | 3550
            2021-04-14_sls88/ADBE.html              | ADBE  | Adobe Inc.               | 524.68  | 47.10    | 325.21  | 536.88
            2021-04-18_AlexandraVorobeva/GOOGL.html | GOOGL | Alphabet A (ex Google)   | 2375.00 | 30.00    | 1296.01 | 2431.38
            2021-04-20_guzvladimir/AAPL.html        | AAPL  | Apple Inc.               | 134.97  | 35.60    | 66.36   | 145.08
            2021-04-25_AlbertGaz/MMM.html           | MMM   | 3M Co.                   | 202.70  | 19.91    | 131.12  | 203.16
            2021-06-10_YuryVA/GRMN.html             | GRMN  | Garmin Ltd.              | 142.17  |          | 90.13   | 145.20
            2021-06-15_serereg/MMM.html             | MMM   | 3M Co.                   | 200.49  | 19.91    | 148.80  | 208.95
            2021-06-15_serereg/AOS.html             | AOS   | A.O. Smith Corp.         | 67.60   | 25.06    | 43.88   | 73.05
            2021-06-16_JeRusakow/YUM.html           | YUM   | YUM! Brands Inc.         | 117.51  | 30.29    | 84.17   | 122.73
            2021-08-19_Inna-Mazhorova/ADBE.html     | ADBE  | Adobe Inc.               | 639.50  | 47.10    | 420.78  | 642.55
            2021-10-20_YulLeo/ADBE.html             | ADBE  | Adobe Inc.               | 638.07  | 47.10    | 420.78  | 673.88
            2021-10-28_Artemzhi38/MMM.html          | MMM   | 3M Co.                   | 178.24  | 19.91    | 156.16  | 208.95
            2021-12-27_kuweg/ZBRA.html              | ZBRA  | Zebra Technologies Corp. | 606.33  | 29.35    | 372.54  | 615.00
            2021-12-29_i-n-samartsev/MMM.html       | MMM   | 3M Co.                   | 177.64  | 19.91    | 163.43  | 208.95
            2021-12-27_Snaipergelka/mixed.trimmed.html | ABBV | AbbVie Inc             | 134.83  | 9.91     | 101.81  | 135.25
            """)
    void parsesEveryRecordedCompanyPage(String file, String code, String name, BigDecimal price,
                                        BigDecimal pe, BigDecimal low, BigDecimal high) {
        CompanyQuote quote = parser.parse(SharedFixtures.read(BI + file));

        assertThat(quote.code()).isEqualTo(code);
        assertThat(quote.name()).isEqualTo(name);
        assertThat(quote.priceUsd()).isEqualTo(price);
        assertThat(quote.peRatio()).isEqualTo(Optional.ofNullable(pe));
        assertThat(quote.yearRange()).isEqualTo(Optional.of(new PriceRange(low, high)));
    }

    /** The estimates table further down also has a "P/E Ratio" row (31.03 and 18.03 here): not ours. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2021-12-27_kuweg/ZBRA.html        | 29.35
            2021-12-29_i-n-samartsev/MMM.html | 19.91
            """)
    void peComesFromTheSnapshotNotFromTheEstimatesTable(String file, BigDecimal snapshotPe) {
        String html = SharedFixtures.read(BI + file);
        assertThat(html).contains("<td class=\"table__td black\" width=\"25%\">P/E Ratio</td>");

        assertThat(parser.parse(html).peRatio()).contains(snapshotPe);
    }

    /**
     * Fixtures cut or hand-made by their authors without the parts a quote needs. The snapshot-only
     * fragments (no price section) and fl4kee's excerpts (name, code, snapshot items, no price) give
     * no price; sweetysweat's stubs have a price and code but no name label.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2021-06-13_alexplahotnik/ADBE.fragment.html | no price
            2021-10-14_fl4kee/MMM.trimmed.html          | no price
            2021-10-14_fl4kee/AOS.trimmed.html          | no price
            2021-10-14_fl4kee/ABT.trimmed.html          | no price
            2021-10-28_sweetysweat/MMM.synthetic.html   | no name
            2021-10-28_sweetysweat/AOS.synthetic.html   | no name
            2021-10-28_sweetysweat/ABT.synthetic.html   | no name
            """)
    void incompleteRecordedPagesFailLoudly(String file, String missing) {
        String html = SharedFixtures.read(BI + file);

        assertThatThrownBy(() -> parser.parse(html))
                .isInstanceOf(LayoutNotRecognisedException.class)
                .hasMessage("layout not recognised: " + missing);
    }

    @Test
    void anIndexPageIsNotACompanyPage() {
        String html = SharedFixtures.read(BI + "2022-01-06_i-n-samartsev/components_p1.html");

        assertThatThrownBy(() -> parser.parse(html))
                .isInstanceOf(LayoutNotRecognisedException.class)
                .hasMessage("layout not recognised: no price");
    }

    @Nested
    class SyntheticPages {

        @Test
        void unknownLayoutFailsLoudly() {
            assertThatThrownBy(() -> parser.parse("<html><body><p>hello</p></body></html>"))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no price");
        }

        @Test
        void missingCodeFails() {
            String html = page("<span class=\"price-section__label\">3M Co.</span>", "177.64", snapshot(""));

            assertThatThrownBy(() -> parser.parse(html))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no code");
        }

        @Test
        void unreadablePriceIsNoPriceNotZero() {
            String html = page(identifiers("3M Co.", "MMM"), "-", snapshot(""));

            assertThatThrownBy(() -> parser.parse(html))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no price");
        }

        /** Every real company page has a snapshot box; without it the markup has changed. */
        @Test
        void missingSnapshotBoxFails() {
            String html = page(identifiers("3M Co.", "MMM"), "177.64", "");

            assertThatThrownBy(() -> parser.parse(html))
                    .isInstanceOf(LayoutNotRecognisedException.class)
                    .hasMessage("layout not recognised: no snapshot");
        }

        @Test
        void valueInTheElementAfterTheLabel() {
            String html = page(identifiers("3M Co.", "MMM"), "5,904.20", snapshot("""
                    <div class="snapshot__data-item"><div class="snapshot__header">P/E Ratio</div>
                      <div class="snapshot__value">19.91</div></div>
                    <div class="snapshot__data-item"><span class="snapshot__header">52 Week Low</span>
                      <span class="snapshot__value">1,156.16</span></div>
                    <div class="snapshot__data-item"><span class="snapshot__header">52 Week High</span>
                      <span class="snapshot__value">2,208.95</span></div>"""));

            CompanyQuote quote = parser.parse(html);

            assertThat(quote).isEqualTo(new CompanyQuote("MMM", "3M Co.", new BigDecimal("5904.20"),
                    Optional.of(new BigDecimal("19.91")),
                    Optional.of(new PriceRange(new BigDecimal("1156.16"), new BigDecimal("2208.95")))));
        }

        @Test
        void negativePeIsKept() {
            String html = page(identifiers("Vornado Realty Trust", "VNO"), "41.98",
                    snapshot(item("-893.45", "P/E Ratio")));

            assertThat(parser.parse(html).peRatio()).contains(new BigDecimal("-893.45"));
        }

        @Test
        void missingPeIsEmptyNotZero() {
            String html = page(identifiers("Allegion PLC", "ALLE"), "119.98",
                    snapshot(item("22.10", "EPS 2021") + item("99.85", "Free Float in %")));

            assertThat(parser.parse(html).peRatio()).isEmpty();
        }

        @Test
        void peOfDashIsEmptyNotZero() {
            String html = page(identifiers("Allegion PLC", "ALLE"), "119.98", snapshot(item("-", "P/E Ratio")));

            assertThat(parser.parse(html).peRatio()).isEmpty();
        }

        @Test
        void peOnlyOutsideTheSnapshotIsIgnored() {
            String html = page(identifiers("3M Co.", "MMM"), "177.64", snapshot(item("3.29", "Dividend Yield")))
                    + "<table><tr><td class=\"table__td black\">P/E Ratio</td><td>18.03</td></tr></table>";

            assertThat(parser.parse(html).peRatio()).isEmpty();
        }

        @Test
        void labelsAreFoundWhereverTheyAreInTheList() {
            String html = page(identifiers("3M Co.", "MMM"), "177.64", snapshot(
                    item("19.91", "P/E Ratio") + item("208.95", "52 Week High") + item("0.00", "Bid")
                            + item("163.43", "52 Week Low")));

            CompanyQuote quote = parser.parse(html);

            assertThat(quote.peRatio()).contains(new BigDecimal("19.91"));
            assertThat(quote.yearRange())
                    .contains(new PriceRange(new BigDecimal("163.43"), new BigDecimal("208.95")));
        }

        @Test
        void rangeNeedsBothBounds() {
            String html = page(identifiers("3M Co.", "MMM"), "177.64", snapshot(item("163.43", "52 Week Low")));

            assertThat(parser.parse(html).yearRange()).isEmpty();
        }

        @Test
        void vuePlaceholdersAreReadFromTheScript() {
            String html = page(identifiers("Amazon", "AMZN"), "3,181.10", snapshot(
                    item("{{low52weeksDisplay}}", "52 Week Low") + item("{{high52weeksDisplay}}", "52 Week High")
                            + "<script>var v = new Vue({data: {high52weeks: 3550, low52weeks: 1627.5,"
                            + " high52weeksDisplay: '3,550.00', low52weeksDisplay: '1,627.50'}});</script>"));

            assertThat(parser.parse(html).yearRange())
                    .contains(new PriceRange(new BigDecimal("1627.5"), new BigDecimal("3550")));
        }

        @Test
        void vuePlaceholdersWithoutScriptGiveNoRange() {
            String html = page(identifiers("Amazon", "AMZN"), "3,181.10", snapshot(
                    item("{{low52weeksDisplay}}", "52 Week Low") + item("{{high52weeksDisplay}}", "52 Week High")));

            assertThat(parser.parse(html).yearRange()).isEmpty();
        }

        @Test
        void officialCloseBlockIsNotTheMainPrice() {
            String html = "<section class=\"price-section price-section--future\"><div class=\"price-section__row\">"
                    + "<span class=\"price-section__current-value\">174.52</span></div></section>"
                    + page(identifiers("3M Co.", "MMM"), "174.94", snapshot(""));

            assertThat(parser.parse(html).priceUsd()).isEqualTo(new BigDecimal("174.94"));
        }

        @Test
        void codeIsStrippedOfCommaAndSpaces() {
            String html = page("<span class=\"price-section__label\">\u00a0 3M Co. </span>"
                    + "<span class=\"price-section__category\"> Stock <span>\n , \u00a0MMM </span></span>",
                    "177.64", snapshot(""));

            CompanyQuote quote = parser.parse(html);

            assertThat(quote.code()).isEqualTo("MMM");
            assertThat(quote.name()).isEqualTo("3M Co.");
        }

        @Test
        void figuresThatCannotBeAShareAreRefusedByName() {
            assertThatThrownBy(() -> parser.parse(page(identifiers("3M Co.", "MMM"), "1" + "0".repeat(30), snapshot(""))))
                    .isInstanceOf(ImplausibleQuoteException.class).hasMessage("implausible page: a price of 1"
                            + "0".repeat(30) + " USD");
            assertThatThrownBy(() -> parser.parse(page(identifiers("3M Co.", "MMM"), "0.00", snapshot(""))))
                    .isInstanceOf(ImplausibleQuoteException.class);
            assertThatThrownBy(() -> parser.parse(page(identifiers("3M Co.", "X".repeat(30)), "177.64", snapshot(""))))
                    .isInstanceOf(ImplausibleQuoteException.class).hasMessageContaining("ticker");
            assertThatThrownBy(() -> parser.parse(page(identifiers("N".repeat(300), "MMM"), "177.64", snapshot(""))))
                    .isInstanceOf(ImplausibleQuoteException.class).hasMessageContaining("longer than 200");
            assertThat(parser.parse(page(identifiers("Berkshire Hathaway", "BRK.B"), "290.30", snapshot(""))).code())
                    .isEqualTo("BRK.B");
        }

        @Test
        void aNumberLongerThanAnyFigureIsNoNumber() {
            assertThatThrownBy(() -> parser.parse(page(identifiers("3M Co.", "MMM"), "1".repeat(100_000), snapshot(""))))
                    .isInstanceOf(LayoutNotRecognisedException.class).hasMessage("layout not recognised: no price");
        }

        private static String page(String identifiers, String price, String snapshot) {
            return "<html><body><section class=\"price-section\"><div class=\"price-section__row\">"
                    + "<h1 class=\"price-section__identifiers\">" + identifiers + "</h1>"
                    + "<div class=\"price-section__values\"><span class=\"price-section__current-value\">"
                    + price + "</span></div></div></section>" + snapshot + "</body></html>";
        }

        private static String identifiers(String name, String code) {
            return "<span class=\"price-section__label\">" + name + " </span>"
                    + "<span class=\"price-section__category\">Stock <span>, " + code + "</span></span>";
        }

        private static String snapshot(String items) {
            return "<div class=\"snapshot\">" + items + "</div>";
        }

        private static String item(String value, String label) {
            return "<div class=\"snapshot__data-item\">\n" + value + "\n<div class=\"snapshot__header\">" + label
                    + "</div></div>";
        }
    }
}
