package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.sp500rub.SharedFixtures;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.replay.DemoSite;

/** The shortcut through the price section and snapshot box never reads a page differently from a whole parse. */
class CompanyPageRegionsTest {

    @Test
    void everyRecordedCompanyPageReadsTheSameThroughItsRegions() throws IOException {
        List<String> shortcutTaken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedFixtures.fixtures().resolve("businessinsider"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html") && !f.getFileName().toString().startsWith("components")).toList()) {
                String html = SharedFixtures.read(SharedFixtures.fixtures().relativize(file).toString());
                Optional<CompanyQuote> whole = wholeOrEmpty(html);
                Optional<CompanyQuote> regions = CompanyPageRegions.of(html).flatMap(CompanyPageParser::parseRegions);
                if (regions.isPresent()) {
                    shortcutTaken.add(file.getFileName().toString());
                    assertThat(regions).as(file.toString()).isEqualTo(whole);
                }
                byte[] bytes = Files.readAllBytes(file);
                assertThat(CompanyPageRegions.of(bytes, StandardCharsets.UTF_8)).as("bytes of " + file)
                        .isEqualTo(CompanyPageRegions.of(new String(bytes, StandardCharsets.UTF_8)));
            }
        }
        // the raw v1 and v2 pages that make up a scrape all take the shortcut
        assertThat(shortcutTaken).contains("MMM.html", "TSLA.html", "AMZN.html", "ALLE.html", "GRMN.html", "YUM.html", "ZBRA.html");
        assertThat(shortcutTaken.size()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theDemoPagesReadTheSameThroughTheirRegions() {
        DemoSite.render(DemoSite.facts()).forEach((path, response) -> {
            if (path.startsWith("/stocks/")) {
                String html = new String(response.body(), StandardCharsets.UTF_8);
                assertThat(CompanyPageRegions.of(html).flatMap(CompanyPageParser::parseRegions)).as(path)
                        .contains(CompanyPageParser.parseWhole(html));
                assertThat(new CompanyPageParser().parse(response.body(), StandardCharsets.UTF_8)).as(path)
                        .isEqualTo(CompanyPageParser.parseWhole(html));
            }
        });
    }

    @Test
    void nonAsciiTextInARegionIsDecodedWithThePageCharset() {
        String html = "<div class=\"price-section\"><span class=\"price-section__label\">Société Générale — Ünïcode</span>"
                + "<span class=\"price-section__category\"><span>, GLE</span></span>"
                + "<span class=\"price-section__current-value\">1,234.50</span></div><p>é</p>"
                + "<div class=\"snapshot\"><div class=\"snapshot__data-item\">-3.5<div class=\"snapshot__header\">P/E Ratio</div></div></div>";

        CompanyQuote quote = new CompanyPageParser().parse(html.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(quote.name()).isEqualTo("Société Générale — Ünïcode");
        assertThat(quote.priceUsd()).isEqualByComparingTo("1234.50");
        assertThat(quote.peRatio()).hasValueSatisfying(pe -> assertThat(pe).isEqualByComparingTo("-3.5"));
    }

    @Test
    void markupQuotedInAScriptOrCommentIsNotTakenForTheBox() {
        String html = "<html><body><div class=\"price-section\"><span class=\"price-section__label\">Acme</span>"
                + "<span class=\"price-section__category\"><span>, ACM</span></span>"
                + "<span class=\"price-section__current-value\">12.50</span></div>"
                + "<script>var template = '<div class=\"snapshot\"></div>';</script>"
                + "<!-- <div class=\"snapshot\"></div> -->"
                + "<div class=\"snapshot\"><div class=\"snapshot__data-item\">7.5<div class=\"snapshot__header\">P/E Ratio</div></div></div>"
                + "</body></html>";

        assertThat(new CompanyPageParser().parse(html).peRatio()).hasValueSatisfying(pe -> assertThat(pe).isEqualByComparingTo("7.5"));
        assertThat(CompanyPageRegions.of(html)).hasValueSatisfying(r -> assertThat(r).contains("7.5"));
    }

    @Test
    void aRegionThatNeverClosesIsNotAShortcut() {
        String html = "<div class=\"price-section\"><span class=\"price-section__label\">X</span>"
                + "<div class=\"snapshot\"><div class=\"snapshot__data-item\">1<div class=\"snapshot__header\">P/E Ratio</div></div>";

        assertThat(CompanyPageRegions.of(html)).isEmpty();
    }

    @Test
    void scriptsAndCommentsInsideARegionDoNotUnbalanceIt() {
        String html = "<html><body><div class=\"price-section\"><span class=\"price-section__label\">Acme</span>"
                + "<span class=\"price-section__category\"><span>, ACM</span></span>"
                + "<span class=\"price-section__current-value\">12.50</span><!-- </div> --></div>"
                + "<div class=\"chart\">...</div>"
                + "<div class=\"snapshot\"><script>var t = '</div><div>';</script>"
                + "<div class=\"snapshot__data-item\">7.5<div class=\"snapshot__header\">P/E Ratio</div></div></div>"
                + "<div class=\"estimates\"><div>P/E Ratio</div><div>99</div></div></body></html>";

        Optional<String> regions = CompanyPageRegions.of(html);

        assertThat(regions).hasValueSatisfying(r -> assertThat(r).contains("7.5").doesNotContain("estimates"));
        assertThat(CompanyPageParser.parseRegions(regions.get())).contains(CompanyPageParser.parseWhole(html));
    }

    private static Optional<CompanyQuote> wholeOrEmpty(String html) {
        try {
            return Optional.of(CompanyPageParser.parseWhole(html));
        } catch (LayoutNotRecognisedException e) {
            return Optional.empty();
        }
    }
}
