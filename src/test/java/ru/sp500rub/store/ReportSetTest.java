package ru.sp500rub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSetTest {

    @TempDir
    Path dir;

    private final List<String> names = List.of("a.json", "b.json");

    @Test
    void everyStagedFileTakesThePlaceOfThePublishedOne() throws Exception {
        Files.writeString(dir.resolve("a.json"), "old a");
        ReportSet set = new ReportSet(dir, names);
        set.stage(file("a.json", "new a"));
        set.stage(file("b.json", "new b"));

        set.publish();

        assertThat(dir.resolve("a.json")).hasContent("new a");
        assertThat(dir.resolve("b.json")).hasContent("new b");
        assertThat(listed()).containsExactlyInAnyOrder("a.json", "b.json");
    }

    @Test
    void withOneStagedFileMissingNothingIsPublished() throws Exception {
        Files.writeString(dir.resolve("a.json"), "old a");
        Files.writeString(dir.resolve("b.json"), "old b");
        ReportSet set = new ReportSet(dir, names);
        set.stage(file("a.json", "new a"));

        assertThatThrownBy(set::publish).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(ReportSet.stagedName("b.json"));

        assertThat(dir.resolve("a.json")).hasContent("old a");
        assertThat(dir.resolve("b.json")).hasContent("old b");
    }

    @Test
    void withAFolderWhereOneFileGoesNothingIsPublished() throws Exception {
        Files.writeString(dir.resolve("a.json"), "old a");
        Files.createDirectories(dir.resolve("b.json").resolve("inside"));
        ReportSet set = new ReportSet(dir, names);
        set.stage(file("a.json", "new a"));
        set.stage(file("b.json", "new b"));

        assertThatThrownBy(set::publish).isInstanceOf(java.nio.file.FileSystemException.class)
                .hasMessage(dir.resolve("b.json") + ": Is a directory; nothing published");

        assertThat(dir.resolve("a.json")).hasContent("old a");
        assertThat(dir.resolve("b.json").resolve("inside")).isDirectory();
    }

    @Test
    void aRunThatDidNotPublishLeavesNoStagedFileBehind() throws Exception {
        ReportSet set = new ReportSet(dir, names);
        set.stage(file("a.json", "new a"));

        set.discard();

        assertThat(listed()).isEmpty();
    }

    @Test
    void stagedNamesAreHiddenAndThisProcesssOwn() {
        assertThat(ReportSet.stagedName("top10-growth.json"))
                .startsWith(".").contains(Long.toString(ProcessHandle.current().pid())).endsWith("top10-growth.json");
    }

    @Test
    void aFileOutsideThePublicationIsRefused() {
        assertThatThrownBy(() -> new ReportSet(dir, names).stage(file("../escape.json", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PublishedFile file(String name, String content) {
        return new PublishedFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> listed() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
