package ru.sp500rub.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteManifestTest {
    private static final String HTML = "text/html; charset=utf-8";

    private final SiteManifest manifest = SiteManifest.parse(List.of(
            SiteManifest.HEADER,
            "/index/components/s&p_500?p=1\t200\t" + HTML + "\tindex/p1.html",
            "/stocks/mmm-stock\t200\t" + HTML + "\tstocks/old.html",
            "/scripts/XML_daily.asp?*\t200\tapplication/xml; charset=windows-1251\tcbr.xml",
            "/stocks/mmm-stock\t200\t" + HTML + "\tstocks/mmm-stock.html"));

    @Test
    void aLaterRowForTheSamePathWins() {
        assertThat(manifest.routes()).hasSize(3);
        assertThat(manifest.route("/stocks/mmm-stock")).get()
                .extracting(SiteManifest.Route::file).isEqualTo("stocks/mmm-stock.html");
    }

    @Test
    void lookupMatchesTheRawAndTheDecodedPathButNeverDecodesTheQuery() {
        assertThat(manifest.lookup("/index/components/s&p_500?p=1")).isPresent();
        assertThat(manifest.lookup("/index/components/s%26p_500?p=1")).isPresent();
        assertThat(manifest.lookup("/index/components/s&p_500?p%3D1")).isEmpty();
        assertThat(manifest.lookup("/index/components/s&p_500?p=2")).isEmpty();
    }

    @Test
    void anAnyQueryRouteAnswersAnyQueryOrNone() {
        assertThat(manifest.lookup("/scripts/XML_daily.asp?date_req=31/12/2021")).get()
                .extracting(SiteManifest.Route::file).isEqualTo("cbr.xml");
        assertThat(manifest.lookup("/scripts/XML_daily.asp")).isPresent();
        assertThat(manifest.lookup("/scripts/XML_daily.aspx")).isEmpty();
    }

    @Test
    void writesWhatItReads(@TempDir Path dir) throws Exception {
        manifest.write(dir);

        List<String> lines = Files.readAllLines(dir.resolve(SiteManifest.FILE_NAME));
        assertThat(lines.get(0)).isEqualTo("path\tstatus\tcontent_type\tfile");
        assertThat(lines).hasSize(4);
        assertThat(SiteManifest.read(dir).routes()).isEqualTo(manifest.routes());
    }

    @Test
    void refusesAFileWithoutTheHeaderOrWithBrokenRows() {
        assertThatThrownBy(() -> SiteManifest.parse(List.of("/a\t200\ttext/plain\ta")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SiteManifest.parse(List.of(SiteManifest.HEADER, "/a\t200\ttext/plain")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentDecodingFollowsPythonUnquote() {
        assertThat(RequestKeys.percentDecode("/s%26p_500")).isEqualTo("/s&p_500");
        assertThat(RequestKeys.percentDecode("/a+b%zz%4")).isEqualTo("/a+b%zz%4");
        assertThat(RequestKeys.percentDecode("/%D0%94")).isEqualTo("/Д");
    }
}
