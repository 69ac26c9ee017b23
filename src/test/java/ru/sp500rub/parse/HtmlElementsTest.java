package ru.sp500rub.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlElementsTest {

    private static final Pattern MARKER = Pattern.compile("class=\"box", Pattern.LITERAL);

    @Test
    void markersQuotedInAScriptArePassedOverWithTheScript() {
        String html = "<html><script>var t = '" + "<div class=\"box\">".repeat(1000) + "';</script>"
                + "<div class=\"box\"><div>in</div></div><p>after</p></html>";

        int[] box = HtmlElements.around(html, MARKER, c -> c == '"').orElseThrow();

        assertThat(html.substring(box[0], box[1])).isEqualTo("<div class=\"box\"><div>in</div></div>");
    }

    @Test
    void aPageOfMarkersThatAreNeverTheElementGivesTheShortcutUp() {
        String html = "<html>" + "<!-- <div class=\"box\"> -->".repeat(HtmlElements.MAX_CANDIDATES + 1)
                + "<div class=\"box\">late</div></html>";

        assertThat(HtmlElements.around(html, MARKER, c -> c == '"')).isEmpty();
    }

    @Test
    void aScriptThatNeverEndsHidesWhatFollows() {
        assertThat(HtmlElements.around("<script>'<div class=\"box\">x</div>", MARKER, c -> c == '"')).isEmpty();
    }

    /**
     * A hostile company page: 40,000 copies of the price-section marker inside one script. Searching
     * them one by one cost 35 s of CPU for 0.8 MB; passed over whole, the page is read at once and
     * refused as an unknown layout.
     */
    @Test
    void aPageMadeOfMarkersCostsOneLinearSearch() {
        byte[] page = ("<html><body><script>var x = '" + "<span class=\"price-section x\">".repeat(40_000)
                + "';</script></body></html>").getBytes(StandardCharsets.UTF_8);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> new CompanyPageParser().parse(page, StandardCharsets.UTF_8))
                        .isInstanceOf(LayoutNotRecognisedException.class));
    }
}
