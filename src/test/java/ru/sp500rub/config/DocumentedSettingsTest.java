package ru.sp500rub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The packaged application.properties and the README say what the code does: every key, every default. */
class DocumentedSettingsTest {

    @Test
    void thePackagedFileListsEveryKeyWithItsDefault() {
        Map<String, String> packaged = new TreeMap<>(SettingsSources.packagedFile());
        packaged.keySet().removeIf(key -> key.startsWith("camel."));

        assertThat(packaged).isEqualTo(new TreeMap<>(Settings.keysWithDefaults()));
    }

    @Test
    void theReadmeDocumentsEveryKeyWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        // an empty default is written "(empty)": an empty code span does not show
        Settings.keysWithDefaults().forEach((key, value) ->
                assertThat(readme).as("README row for " + key).contains("| `" + key + "` | "
                        + (value.isEmpty() ? "(empty)" : "`" + value + "`") + " |"));
    }
}
