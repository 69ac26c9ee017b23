package ru.sp500rub.rate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

    /** What the file holds: no file, a broken one (and why), or a rate (whose plausibility is the keeper's question). */
    public RateFileContent load() {
        return RateFileContent.read(file);
    }
}
