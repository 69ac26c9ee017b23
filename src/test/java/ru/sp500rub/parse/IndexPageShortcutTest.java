package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.sp500rub.SharedFixtures;
import ru.sp500rub.model.IndexPage;
import ru.sp500rub.replay.DemoSite;

/** The shortcut through the components table and pager never reads an index page differently from a whole parse. */
class IndexPageShortcutTest {

    private static final URI PAGE = URI.create("http://127.0.0.1:8080/index/components/s&p_500?p=1");

    @Test
    void everyRecordedIndexPageReadsTheSameThroughItsTableAndPager() throws IOException {
        List<String> shortcutTaken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedFixtures.fixtures().resolve("businessinsider"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("components")).toList()) {
                String html = SharedFixtures.read(SharedFixtures.fixtures().relativize(file).toString());
                Optional<IndexPage> shortcut = IndexPageParser.tableAndPager(html)
                        .flatMap(fragment -> IndexPageParser.parseTableAndPager(fragment, PAGE));
                if (shortcut.isPresent()) {
                    shortcutTaken.add(file.getParent().getFileName() + "/" + file.getFileName());
                    assertThat(shortcut.get()).as(file.toString()).isEqualTo(IndexPageParser.parseWhole(html, PAGE));
                }
            }
        }
        // every full v2 page with a pager takes it: the ten pages of 2022-01-06 and page 11 of 2021-12-27
        assertThat(shortcutTaken).filteredOn(name -> name.startsWith("2022-01-06")).hasSize(10);
        assertThat(shortcutTaken).contains("2021-12-27_kuweg/components_p11.html", "2021-08-19_Inna-Mazhorova/components_p1.html");
        assertThat(shortcutTaken).noneMatch(name -> name.startsWith("2020-") || name.startsWith("2021-01") || name.startsWith("2021-04"));
    }

    @Test
    void theDemoIndexPagesReadTheSameThroughTheirTableAndPager() {
        DemoSite.render(DemoSite.facts()).forEach((path, response) -> {
            if (path.startsWith(DemoSite.INDEX_PATH + "?p=")) {
                String html = new String(response.body(), StandardCharsets.UTF_8);
                assertThat(IndexPageParser.tableAndPager(html)).as(path).isPresent();
                assertThat(new IndexPageParser().parse(html, PAGE)).as(path).isEqualTo(IndexPageParser.parseWhole(html, PAGE));
            }
        });
    }

    @Test
    void aPagerMarkerOutsideThePagerNeverCostsPages() {
        String pager = "<div class=\"finando_paging margin-top--small\">Page: <a href=\"?p=1\">1</a> | <a href=\"?p=11\">11</a></div>";
        String html = "<html><head><style>.finando_paging { margin: 0 }</style></head><body>"
                + "<table class=\"table table__layout--fixed\"><tbody class=\"table__tbody\"><tr>"
                + "<td><a href=\"/stocks/mmm-stock\">3M</a></td><td></td><td></td><td></td><td></td><td></td><td></td>"
                + "<td><span>1.00</span><span>2.50%</span></td></tr></tbody></table>" + pager + "</body></html>";

        assertThat(new IndexPageParser().parse(html, PAGE).pageCount()).isEqualTo(11);
    }

    @Test
    void aPageWithoutAPagerIsReadWhole() {
        String html = "<html><body><table class=\"table table__layout--fixed\"><tbody class=\"table__tbody\"><tr>"
                + "<td><a href=\"/stocks/mmm-stock\">3M</a></td><td></td><td></td><td></td><td></td><td></td><td></td>"
                + "<td><span>1.00</span><span>2.50%</span></td></tr></tbody></table></body></html>";

        assertThat(IndexPageParser.tableAndPager(html)).isEmpty();
        assertThat(new IndexPageParser().parse(html, PAGE).pageCount()).isEqualTo(1);
    }
}
