package ru.sp500rub.rate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.model.UsdRubRate;

class RateFileContentTest {

    @TempDir
    Path dir;

    private static RateFileContent parse(String json) {
        return RateFileContent.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String broken(String json) {
        RateFileContent content = parse(json);
        assertThat(content).isInstanceOf(RateFileContent.Broken.class);
        return ((RateFileContent.Broken) content).reason();
    }

    @Test
    void whatTheRateStoreWritesIsReadBackExactly() {
        Path file = dir.resolve("rate.json");
        UsdRubRate rate = new UsdRubRate(new BigDecimal("74.29260000000000000001"), LocalDate.of(2021, 12, 31),
                "http://www.cbr.ru/scripts/XML_daily.asp");
        new RateStore(file).save(rate);

        assertThat(RateFileContent.read(file)).isEqualTo(new RateFileContent.Stored(rate));
    }

    @Test
    void noFileIsMissingNotBroken() {
        assertThat(RateFileContent.read(dir.resolve("rate.json"))).isEqualTo(new RateFileContent.Missing());
    }

    @Test
    void aDirectoryOrAnUnreadablePathIsBroken() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rate.json"));
        assertThat(RateFileContent.read(folder)).isEqualTo(new RateFileContent.Broken("is a directory, not a file"));
        Path parentIsFile = Files.writeString(dir.resolve("reports"), "x").resolve("rate.json");
        assertThat(RateFileContent.read(parentIsFile)).isEqualTo(
                new RateFileContent.Broken("cannot be read: Not a directory: " + parentIsFile));
    }

    @Test
    void brokenFilesSayWhatIsWrong() {
        assertThat(broken("")).isEqualTo("is empty");
        assertThat(broken("{\"value\": 74.2926, \"date\": \"2021-12-31\"")).startsWith("is not JSON: ");
        assertThat(broken("[1, 2]")).isEqualTo("is not a JSON object");
        assertThat(broken("{\"date\": \"2021-12-31\", \"source\": \"x\"}")).isEqualTo("has no \"value\" number");
        assertThat(broken("{\"value\": \"seventy\", \"date\": \"2021-12-31\", \"source\": \"x\"}"))
                .isEqualTo("has a \"value\" that is not a number: \"seventy\"");
        assertThat(broken("{\"value\": -1, \"date\": \"2021-12-31\", \"source\": \"x\"}"))
                .isEqualTo("has a \"value\" that is not positive: -1");
        assertThat(broken("{\"value\": 74.2926, \"date\": \"31.12.2021\", \"source\": \"x\"}"))
                .isEqualTo("has a \"date\" that is not a date (yyyy-mm-dd): \"31.12.2021\"");
        assertThat(broken("{\"value\": 74.2926, \"date\": \"2021-12-31\"}")).isEqualTo("has no \"source\"");
    }

    @Test
    void textFromTheFileIsEscapedAndBounded() {
        String reason = broken("{\"value\": 74.2926, \"date\": \"2021-12-31\\r\\n[fake] ERROR\", \"source\": \"x\"}");
        assertThat(reason).doesNotContain("\n", "\r").contains("2021-12-31\\r\\n[fake] ERROR");
        assertThat(broken("{\"value\": 74.2926, \"date\": \"2021-12-31\", \"source\": \"http://x/\\u001b[2J\"}"))
                .startsWith("has a \"source\" that is not a URL: http://x/\\u001B[2J");
    }

    @Test
    void aHugeFileIsNotReadWhole() throws IOException {
        Path file = dir.resolve("rate.json");
        Files.write(file, new byte[10 * 1024 * 1024]);
        assertThat(RateFileContent.read(file)).isEqualTo(
                new RateFileContent.Broken("is larger than 16384 bytes: not a rate file"));
    }

    @Test
    void aFutureOrAbsurdRateIsStillAStoredRatePlausibilityJudgesIt() {
        RateFileContent content = parse("{\"value\": 1e30, \"date\": \"2099-01-01\", \"source\": \"http://cbr\"}");
        assertThat(content).isInstanceOf(RateFileContent.Stored.class);
        assertThat(((RateFileContent.Stored) content).rate().roublesPerDollar()).isEqualByComparingTo("1e30");
    }
}
