package ru.sp500rub.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.sp500rub.SharedFixtures;
import ru.sp500rub.model.UsdRubRate;

class CbrRateParserTest {

    private final CbrRateParser parser = new CbrRateParser();

    /** Every recorded CBR answer, with the USD value and date read off the file by hand. */
    @ParameterizedTest
    @CsvSource({
            "XML_daily_2020-07-04.xml, 70.4999, 2020-07-04",
            "XML_daily_2021-01-14.reencoded-utf8.xml, 73.5264, 2021-01-14",
            "XML_daily_2021-04-20.xml, 76.2491, 2021-04-20",
            "XML_daily_2021-04-24.xml, 75.0893, 2021-04-24",
            "XML_daily_2021-12-31.xml, 74.2926, 2021-12-31",
            "XML_daily_2022-07-23.xml, 57.3917, 2022-07-23",
            "XML_daily_2023-11-02.xml, 93.2801, 2023-11-02",
    })
    void readsUsdFromEveryRecordedAnswer(String file, String usd, String date) throws IOException {
        byte[] xml = Files.readAllBytes(SharedFixtures.fixtures().resolve("cbr").resolve(file));

        UsdRubRate rate = parser.parse(xml, file);

        assertThat(rate.roublesPerDollar()).isEqualByComparingTo(usd);
        assertThat(rate.date()).isEqualTo(LocalDate.parse(date));
        assertThat(rate.source()).isEqualTo(file);
    }

    @Test
    void findsUsdInEveryRecordedAnswerIncludingUtf8Copies() throws IOException {
        try (var files = Files.list(SharedFixtures.fixtures().resolve("cbr"))) {
            for (var file : files.toList()) {
                UsdRubRate rate = parser.parse(Files.readAllBytes(file), file.toString());
                assertThat(rate.roublesPerDollar()).as(file.toString()).isBetween(new BigDecimal("20"), new BigDecimal("200"));
            }
        }
    }

    @Test
    void dividesByNominalAndReadsDecimalComma() {
        byte[] xml = cbr("12.03.2024", "<Valute ID=\"R01235\"><NumCode>840</NumCode><CharCode>USD</CharCode>"
                + "<Nominal>100</Nominal><Name>Доллар США</Name><Value>9 123,4500</Value></Valute>");

        UsdRubRate rate = parser.parse(xml, "test");

        assertThat(rate.roublesPerDollar()).isEqualByComparingTo("91.2345");
        assertThat(rate.date()).isEqualTo(LocalDate.of(2024, 3, 12));
    }

    @Test
    void findsUsdByCharCodeWhenTheIdChanged() {
        byte[] xml = cbr("01.02.2025", "<Valute ID=\"R99999\"><CharCode>USD</CharCode><Nominal>1</Nominal>"
                + "<Value>99,5</Value></Valute>");

        assertThat(parser.parse(xml, "test").roublesPerDollar()).isEqualByComparingTo("99.5");
    }

    @Test
    void refusesDoctypesAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><!DOCTYPE ValCurs [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ValCurs Date=\"01.01.2021\"><Valute ID=\"R01235\"><Nominal>1</Nominal><Value>&x;</Value></Valute></ValCurs>";

        assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.US_ASCII), "evil"))
                .isInstanceOf(RateUnavailableException.class)
                .hasMessageContaining("not well-formed XML");
    }

    @Test
    void garbageEmptyAndUsdlessAnswersAreClearErrors() {
        assertThatThrownBy(() -> parser.parse("<html>Service unavailable</html>".getBytes(StandardCharsets.UTF_8), "cbr"))
                .isInstanceOf(RateUnavailableException.class).hasMessageContaining("not a ValCurs document");
        assertThatThrownBy(() -> parser.parse("\n<!DOCTYPE html><html><body>Технические работы</body></html>"
                .getBytes(StandardCharsets.UTF_8), "cbr"))
                .isInstanceOf(RateUnavailableException.class)
                .hasMessage("CBR answer from cbr is not a ValCurs document but an HTML page (an error or maintenance page)");
        assertThatThrownBy(() -> parser.parse(new byte[0], "cbr"))
                .isInstanceOf(RateUnavailableException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("not xml at all".getBytes(StandardCharsets.UTF_8), "cbr"))
                .isInstanceOf(RateUnavailableException.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> parser.parse(cbr("01.01.2021", "<Valute ID=\"R01239\"><CharCode>EUR</CharCode>"
                        + "<Nominal>1</Nominal><Value>90,1</Value></Valute>"), "cbr"))
                .isInstanceOf(RateUnavailableException.class).hasMessageContaining("no USD rate");
        assertThatThrownBy(() -> parser.parse(cbr("31.02.2021", "<Valute ID=\"R01235\"><Nominal>1</Nominal>"
                        + "<Value>70,1</Value></Valute>"), "cbr"))
                .isInstanceOf(RateUnavailableException.class).hasMessageContaining("ValCurs Date");
    }

    private static byte[] cbr(String date, String valutes) {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ValCurs Date=\"" + date
                + "\" name=\"Foreign Currency Market\">" + valutes + "</ValCurs>";
        return xml.getBytes(Charset.forName("windows-1251"));
    }
}
