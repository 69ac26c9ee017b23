package ru.sp500rub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("sub").resolve("rate.json");
        AtomicFile.write(target, bytes("first"));
        AtomicFile.write(target, bytes("second"));

        assertThat(target).hasContent("second");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("rate.json");
        }
    }

    @Test
    void aWriteThatCannotHappenLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("rate.json");
        AtomicFile.write(target, bytes("good"));
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> AtomicFile.write(notAFolder.resolve("rate.json"), bytes("new"))).isInstanceOf(IOException.class);

        assertThat(target).hasContent("good");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("rate.json", "file");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
