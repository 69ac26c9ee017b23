package ru.sp500rub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.sp500rub.TopTenRows;

/**
 * The four reports for the replay site, computed without any of the service's code: figures from the
 * JSON the replay was built from, 1-year growth by regular expression from the served index pages, the
 * rate from the served CBR XML. Each report is a list of "CODE=value" strings, values rounded to 2.
 */
final class IndependentAnswer {

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("href=\"(?:https://markets\\.businessinsider\\.com)?(/stocks/[a-z0-9.-]+-stock)\"");
    private static final Pattern PERCENT = Pattern.compile(">\\s*(-?[0-9.,]+)%\\s*<");
    private static final Pattern USD = Pattern.compile("<Valute ID=\"R01235\">.*?<Nominal>(\\d+)</Nominal>.*?<Value>([0-9,]+)</Value>", Pattern.DOTALL);

    record Figures(String code, String name, BigDecimal price, BigDecimal pe, BigDecimal low, BigDecimal high, BigDecimal growth) {
    }

    static Map<String, List<String>> compute(Path site) throws IOException {
        BigDecimal rate = usdRub(Files.readString(site.resolve("cbr/XML_daily.xml"), java.nio.charset.Charset.forName("windows-1251")));
        Map<String, BigDecimal> growth = growthByPath(site);
        JsonNode all = new ObjectMapper().readTree(ReplaySite.SHARED.resolve("fixtures/outputs/2022-01-01_skodnik/s&p_500.json").toFile());
        List<Figures> companies = new ArrayList<>();
        for (JsonNode c : all) {
            String path = c.get("uri").asText();
            if (!growth.containsKey(path) || decimal(c, "price") == null) {
                continue;
            }
            companies.add(new Figures(c.get("code").asText(), c.get("name").asText(), decimal(c, "price").multiply(rate),
                    decimal(c, "pe"), decimal(c, "weeks52Low"), decimal(c, "weeks52High"), growth.get(path)));
        }
        Map<String, List<String>> answer = new LinkedHashMap<>();
        answer.put("top10-price-rub.json", TopTenRows.expected(companies, Figures::code, Figures::price, true));
        answer.put("top10-lowest-pe.json", TopTenRows.expected(companies, Figures::code, f -> f.pe() != null && f.pe().signum() > 0 ? f.pe() : null, false));
        answer.put("top10-growth.json", TopTenRows.expected(companies, Figures::code, Figures::growth, true));
        answer.put("top10-potential-profit.json", TopTenRows.expected(companies, Figures::code, f -> f.low() == null || f.high() == null || f.low().signum() <= 0 ? null
                : f.high().subtract(f.low()).multiply(BigDecimal.valueOf(100)).divide(f.low(), MathContext.DECIMAL64), true));
        answer.put("companies", List.of(String.valueOf(companies.size())));
        return answer;
    }

    private static Map<String, BigDecimal> growthByPath(Path site) throws IOException {
        Map<String, BigDecimal> growth = new HashMap<>();
        try (var pages = Files.list(site.resolve("index"))) {
            for (Path page : pages.toList()) {
                Matcher row = ROW.matcher(Files.readString(page, StandardCharsets.UTF_8));
                while (row.find()) {
                    Matcher link = LINK.matcher(row.group(1));
                    if (!link.find()) {
                        continue;
                    }
                    Matcher percent = PERCENT.matcher(row.group(1));
                    String last = null;
                    while (percent.find()) {
                        last = percent.group(1);
                    }
                    growth.putIfAbsent(link.group(1), last == null ? null : new BigDecimal(last.replace(",", "")));
                }
            }
        }
        return growth;
    }

    private static BigDecimal usdRub(String xml) {
        Matcher m = USD.matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no USD in the replay's CBR XML");
        }
        return new BigDecimal(m.group(2).replace(',', '.')).divide(new BigDecimal(m.group(1)), MathContext.DECIMAL64);
    }

    private static BigDecimal decimal(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() || v.asDouble() == 0 && !"pe".equals(field) ? null : new BigDecimal(v.asText());
    }
}
