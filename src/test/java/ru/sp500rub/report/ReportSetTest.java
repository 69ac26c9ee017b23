package ru.sp500rub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSetTest {

    @TempDir
    Path dir;

    @Test
    void everyStagedFileTakesThePlaceOfThePublishedOne() throws Exception {
        Files.writeString(dir.resolve("a.json"), "old a");
        Files.writeString(dir.resolve(ReportSet.stagedName("a.json")), "new a");
        Files.writeString(dir.resolve(ReportSet.stagedName("b.json")), "new b");

        ReportSet.publish(dir, List.of("a.json", "b.json"));

        assertThat(dir.resolve("a.json")).hasContent("new a");
        assertThat(dir.resolve("b.json")).hasContent("new b");
        assertThat(dir.resolve(ReportSet.stagedName("a.json"))).doesNotExist();
        assertThat(dir.resolve(ReportSet.stagedName("b.json"))).doesNotExist();
    }

    @Test
    void withOneStagedFileMissingNothingIsPublished() throws Exception {
        Files.writeString(dir.resolve("a.json"), "old a");
        Files.writeString(dir.resolve("b.json"), "old b");
        Files.writeString(dir.resolve(ReportSet.stagedName("a.json")), "new a");

        assertThatThrownBy(() -> ReportSet.publish(dir, List.of("a.json", "b.json")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(ReportSet.stagedName("b.json"));

        assertThat(dir.resolve("a.json")).hasContent("old a");
        assertThat(dir.resolve("b.json")).hasContent("old b");
    }

    @Test
    void stagedNamesAreHidden() {
        assertThat(ReportSet.stagedName("top10-growth.json")).startsWith(".");
    }
}
