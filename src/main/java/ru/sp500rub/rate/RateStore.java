package ru.sp500rub.rate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import ru.sp500rub.model.UsdRubRate;
import ru.sp500rub.store.AtomicFile;

/** Persists the last good rate as a small JSON file, written atomically, so a restart survives a CBR outage. */
public final class RateStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public RateStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void save(UsdRubRate rate) {
        ObjectNode node = JSON.createObjectNode();
        node.put("value", rate.roublesPerDollar());
        node.put("date", rate.date().toString());
        node.put("source", rate.source());
        try {
            AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the rate in " + file, e);
        }
    }

    /** The stored rate, or empty when there is none or it cannot be read (a broken file is not a rate). */
    public Optional<UsdRubRate> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return Optional.of(new UsdRubRate(new BigDecimal(node.get("value").asText()),
                    LocalDate.parse(node.get("date").asText()), node.get("source").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
