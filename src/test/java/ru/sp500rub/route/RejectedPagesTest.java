package ru.sp500rub.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedPagesTest {

    @TempDir
    Path reports;

    @Test
    void aHugePageIsKeptToItsFirstMegabyte() throws Exception {
        new RejectedPages(reports).save(new byte[3 * 1024 * 1024], "http://site/stocks/huge");

        try (Stream<Path> saved = Files.list(reports.resolve("rejects"))) {
            assertThat(saved.toList()).singleElement().satisfies(file ->
                    assertThat(Files.size(file)).isEqualTo(RejectedPages.MAX_BYTES));
        }
    }

    @Test
    void onlyTheNewestPagesAreKept() throws Exception {
        RejectedPages rejects = new RejectedPages(reports);
        for (int i = 0; i < RejectedPages.MAX_FILES + 10; i++) {
            rejects.save(("page " + i).getBytes(), "http://site/stocks/p" + i);
            try (Stream<Path> saved = Files.list(reports.resolve("rejects"))) {
                for (Path file : saved.toList()) { // make the order of saving visible whatever the clock's grain
                    if (Files.readString(file).equals("page " + i)) {
                        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L * (i + 1)));
                    }
                }
            }
        }

        try (Stream<Path> saved = Files.list(reports.resolve("rejects"))) {
            var kept = saved.map(RejectedPagesTest::read).toList();
            assertThat(kept).hasSize(RejectedPages.MAX_FILES).doesNotContain("page 0", "page 9").contains("page 59");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
