package ru.sp500rub.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Bank of Russia's XML_daily answer as its server sends it: windows-1251 bytes, a matching XML
 * declaration, the date as dd.MM.yyyy and values with a decimal comma (per Nominal units).
 */
final class CbrDailyXml {
    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final DateTimeFormatter CBR_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** One {@code Valute}: the value is kept as the CBR writes it, e.g. {@code 74,2926}. */
    record Valute(String id, String numCode, String charCode, int nominal, String name, String value) {
    }

    private CbrDailyXml() {
    }

    static byte[] render(LocalDate date, List<Valute> valutes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?>")
                .append("<ValCurs Date=\"").append(date.format(CBR_DATE)).append("\" name=\"Foreign Currency Market\">");
        for (Valute v : valutes) {
            xml.append("<Valute ID=\"").append(v.id()).append("\">")
                    .append("<NumCode>").append(v.numCode()).append("</NumCode>")
                    .append("<CharCode>").append(v.charCode()).append("</CharCode>")
                    .append("<Nominal>").append(v.nominal()).append("</Nominal>")
                    .append("<Name>").append(v.name()).append("</Name>")
                    .append("<Value>").append(v.value()).append("</Value>")
                    .append("</Valute>");
        }
        return xml.append("</ValCurs>").toString().getBytes(WINDOWS_1251);
    }

    /** Reads a {@code id, num_code, char_code, nominal, name, value} TSV resource (UTF-8, with header). */
    static List<Valute> readValutes(String resource) {
        try (InputStream in = CbrDailyXml.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().skip(1).filter(line -> !line.isBlank()).map(CbrDailyXml::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Valute parse(String row) {
        String[] c = row.split("\t", -1);
        if (c.length != 6) {
            throw new IllegalArgumentException("a valute row has 6 cells, got: " + row);
        }
        return new Valute(c[0], c[1], c[2], Integer.parseInt(c[3]), c[4], c[5]);
    }
}
