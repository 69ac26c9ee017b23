package ru.sp500rub.rate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import ru.sp500rub.log.Causes;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.UsdRubRate;

/**
 * What a stored {@code rate.json} holds: nothing (no file), something broken (and why), or a rate. A
 * broken file is told apart from a missing one, so an operator is sent to fix the file rather than to
 * wait for the CBR. Whether the rate is plausible is {@link RatePlausibility}'s question, asked of every
 * rate alike.
 */
public sealed interface RateFileContent {

    /** A real rate.json is about 120 bytes; anything past this is not one (and is not read further). */
    int MAX_BYTES = 16 * 1024;
    /** A source is a URL; longer text is not one. */
    int MAX_SOURCE_CHARS = 1000;

    record Missing() implements RateFileContent {
    }

    /** @param reason one line, escaped: what is wrong with the file */
    record Broken(String reason) implements RateFileContent {
    }

    record Stored(UsdRubRate rate) implements RateFileContent {
    }

    /** Reads at most {@link #MAX_BYTES} + 1 bytes of the file: the only I/O here. */
    static RateFileContent read(Path file) {
        if (Files.isDirectory(file)) {
            return new Broken("is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in.readNBytes(MAX_BYTES + 1));
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Broken("cannot be read: " + Causes.innermost(e));
        }
    }

    /** Classifies the bytes of a rate.json (as {@link RateStore} writes it). */
    static RateFileContent parse(byte[] bytes) {
        if (bytes.length == 0) {
            return new Broken("is empty");
        }
        if (bytes.length > MAX_BYTES) {
            return new Broken("is larger than " + MAX_BYTES + " bytes: not a rate file");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            return new Broken("is not JSON: " + LogText.escape(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            return new Broken("cannot be read: " + Causes.innermost(e));
        }
        if (node == null || !node.isObject()) {
            return new Broken("is not a JSON object");
        }
        JsonNode value = node.get("value");
        JsonNode date = node.get("date");
        JsonNode source = node.get("source");
        if (value == null || !(value.isNumber() || value.isTextual())) {
            return new Broken("has no \"value\" number");
        }
        if (date == null || !date.isTextual()) {
            return new Broken("has no \"date\" (yyyy-mm-dd)");
        }
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            return new Broken("has no \"source\"");
        }
        if (source.asText().length() > MAX_SOURCE_CHARS || source.asText().chars().anyMatch(c -> LogText.isUnsafe((char) c))) {
            return new Broken("has a \"source\" that is not a URL: " + LogText.escape(source.asText(), 100));
        }
        BigDecimal roubles;
        try {
            roubles = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            return new Broken("has a \"value\" that is not a number: \"" + LogText.escape(value.asText(), 40) + "\"");
        }
        if (roubles.signum() <= 0) {
            return new Broken("has a \"value\" that is not positive: " + LogText.escape(value.asText(), 40));
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.asText());
        } catch (DateTimeParseException e) {
            return new Broken("has a \"date\" that is not a date (yyyy-mm-dd): \"" + LogText.escape(date.asText(), 40) + "\"");
        }
        return new Stored(new UsdRubRate(roubles, day, source.asText()));
    }

    /** Decimals stay decimals: a rate read as a double would not be the rate that was stored. */
    final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

        private Json() {
        }
    }
}
