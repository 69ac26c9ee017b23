package ru.sp500rub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where settings come from, weakest first: the defaults in the code, the packaged
 * {@code application.properties}, an {@code application.properties} in the working directory (only the
 * keys it names), environment variables ({@code scrape.concurrency} as {@code SCRAPE_CONCURRENCY}),
 * JVM system properties ({@code -D} before {@code -jar}), {@code -Dkey=value} on the command line, and
 * overrides set by the program itself (the demo pointing the scrape at its own site; tests).
 */
public final class SettingsSources {

    public static final String FILE_NAME = "application.properties";

    /** One layer: a name for messages and the values it sets. */
    record Layer(String name, Map<String, String> values, boolean explicit) {
    }

    private final List<Layer> layers; // strongest first
    private final Function<String, String> environment;

    private SettingsSources(List<Layer> layers, Function<String, String> environment) {
        this.layers = List.copyOf(layers);
        this.environment = environment;
    }

    /** The sources of a real start: packaged file, working-directory file, environment, JVM and command line. */
    public static SettingsSources standard(Map<String, String> commandLine, Map<String, String> overrides) {
        return of(packagedFile(), workingDirectoryFile(Path.of(FILE_NAME)), System::getenv,
                asMap(System.getProperties()), commandLine, overrides);
    }

    /** Sources given explicitly (tests); environment looked up through {@code environment}. */
    public static SettingsSources of(Map<String, String> packaged, Map<String, String> workingDirectory,
                                     Function<String, String> environment, Map<String, String> systemProperties,
                                     Map<String, String> commandLine, Map<String, String> overrides) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer("set by the program", overrides, true));
        layers.add(new Layer("-D on the command line", commandLine, true));
        layers.add(new Layer("JVM system property", systemProperties, true));
        // the environment is consulted key by key (see find), between the JVM and the files
        layers.add(new Layer("./" + FILE_NAME, workingDirectory, true));
        layers.add(new Layer("packaged " + FILE_NAME, packaged, false));
        return new SettingsSources(layers, environment);
    }

    /** The strongest value set for {@code key}, if any. */
    public Optional<Setting> find(String key) {
        for (Layer layer : layers) {
            if (layer.name().equals("./" + FILE_NAME)) {
                Optional<Setting> fromEnvironment = fromEnvironment(key);
                if (fromEnvironment.isPresent()) {
                    return fromEnvironment;
                }
            }
            String value = layer.values().get(key);
            if (value != null) {
                return Optional.of(new Setting(key, value, layer.name()));
            }
        }
        return Optional.empty();
    }

    /**
     * Every key an operator set explicitly (files, -D, the program), with its source: what is checked
     * for keys the service does not know. The environment is not listed: it holds much else.
     */
    public List<Setting> explicitSettings() {
        Map<String, Setting> all = new LinkedHashMap<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (layer.explicit()) {
                layer.values().forEach((key, value) -> all.put(key, new Setting(key, value, layer.name())));
            }
        }
        return List.copyOf(all.values());
    }

    /** Every value of every layer, strongest winning, environment excluded: what Camel is handed for its camel.* keys. */
    public Map<String, String> merged() {
        Map<String, String> merged = new LinkedHashMap<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            merged.putAll(layers.get(i).values());
        }
        return merged;
    }

    /** {@code scrape.concurrency} is read as {@code SCRAPE_CONCURRENCY}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Optional<Setting> fromEnvironment(String key) {
        String name = environmentName(key);
        String value = environment.apply(name);
        return value == null ? Optional.empty() : Optional.of(new Setting(key, value, "environment variable " + name));
    }

    static Map<String, String> packagedFile() {
        try (InputStream in = SettingsSources.class.getResourceAsStream("/" + FILE_NAME)) {
            return in == null ? Map.of() : read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged " + FILE_NAME, e);
        }
    }

    /** The working directory's file, when there is one; a file that cannot be read stops the start. */
    static Map<String, String> workingDirectoryFile(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException("sp500-rub: ./" + FILE_NAME + " is not a file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new InvalidSettingException("sp500-rub: ./" + FILE_NAME + " cannot be read: " + e.getMessage());
        }
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return asMap(properties);
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
