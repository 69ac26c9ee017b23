package ru.sp500rub.config;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads each setting once, with its type, its range and its default, and refuses a value that cannot
 * work with one line naming the key, what is accepted, the value and where it was written:
 * {@code sp500-rub: scrape.concurrency must be a whole number from 1 to 256, got "abc" (./application.properties)}.
 * Every key read is remembered with its default, so that unknown keys can be refused and every key
 * documented.
 */
public final class SettingsReader {

    private static final int MAX_SHOWN = 80;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:]{2,39}"); // a colon: never a name

    private final SettingsSources sources;
    private final Map<String, String> defaults = new LinkedHashMap<>();

    public SettingsReader(SettingsSources sources) {
        this.sources = sources;
    }

    /** Every key read so far, with its default as an operator would write it. */
    public Map<String, String> keysWithDefaults() {
        return Map.copyOf(defaults);
    }

    public int wholeNumber(String key, int defaultValue, int min, int max) {
        return read(key, Integer.toString(defaultValue), "a whole number from " + min + " to " + max, text -> {
            try {
                int value = Integer.parseInt(text);
                return value >= min && value <= max ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public BigDecimal decimal(String key, String defaultValue, BigDecimal min, BigDecimal max) {
        return read(key, defaultValue, "a number from " + min.toPlainString() + " to " + max.toPlainString(), text -> {
            try {
                BigDecimal value = new BigDecimal(text);
                return value.compareTo(min) >= 0 && value.compareTo(max) <= 0 ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public Duration duration(String key, String defaultValue, Duration min, Duration max) {
        String accepted = "a duration from " + DurationText.format(min) + " to " + DurationText.format(max)
                + " (" + DurationText.FORMS + ")";
        return read(key, defaultValue, accepted, text -> DurationText.parse(text)
                .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0));
    }

    public boolean bool(String key, boolean defaultValue) {
        return read(key, Boolean.toString(defaultValue), "true or false", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        });
    }

    /** An absolute http or https URL. */
    public URI httpUrl(String key, String defaultValue) {
        return read(key, defaultValue, "an absolute http:// or https:// URL", text -> {
            try {
                URI uri = new URI(text);
                boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        });
    }

    /** A folder path; its relations to other folders are checked by whoever holds both. */
    public Path folder(String key, String defaultValue) {
        return read(key, defaultValue, "a folder path (not empty, no control characters)", text -> {
            if (text.isEmpty() || text.chars().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(text));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        });
    }

    /** Free text from a closed set. */
    public String choice(String key, String defaultValue, Set<String> allowed) {
        return read(key, defaultValue, "one of " + String.join(", ", new java.util.TreeSet<>(allowed)),
                text -> allowed.contains(text) ? Optional.of(text) : Optional.empty());
    }

    /** Free text of bounded length without control characters; empty allowed when the default is empty. */
    public String text(String key, String defaultValue, int maxLength) {
        return read(key, defaultValue, "text of at most " + maxLength + " characters without control characters",
                text -> text.length() <= maxLength && text.chars().noneMatch(Character::isISOControl)
                        ? Optional.of(text) : Optional.empty());
    }

    /** A folder path, or empty for none. */
    public Optional<Path> optionalFolder(String key) {
        return read(key, "", "empty, or a folder path (no control characters)", text -> {
            if (text.isEmpty()) {
                return Optional.of(Optional.<Path>empty());
            }
            if (text.chars().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Optional.of(Path.of(text)));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        });
    }

    /** Text of a given form; empty is accepted only when it is the default. */
    public String matching(String key, String defaultValue, Pattern form, String accepted) {
        return read(key, defaultValue, accepted, text -> (text.isEmpty() && defaultValue.isEmpty()) || form.matcher(text).matches()
                ? Optional.of(text) : Optional.empty());
    }

    /** A secret (a password): refused without its value ever being written, empty allowed. */
    public String secret(String key, int maxLength) {
        defaults.put(key, "");
        String text = sources.find(key).map(Setting::value).orElse("");
        if (text.length() > maxLength || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingException("sp500-rub: " + key + " must be text of at most " + maxLength
                    + " characters without control characters (the value is not shown)"
                    + sources.find(key).map(s -> " (" + s.source() + ")").orElse(""));
        }
        return text;
    }

    /**
     * A literal IP address (IPv4 dotted, or IPv6): never a name, which would be looked up at every start
     * and could point anywhere.
     */
    public InetAddress literalAddress(String key, String defaultValue) {
        return read(key, defaultValue, "a literal IP address such as 127.0.0.1", SettingsReader::literal);
    }

    /**
     * Empty (the system's choice), or a literal IP address this machine can connect from: checked now by
     * binding a socket to it, so a wrong address stops the start rather than every request.
     */
    public Optional<InetAddress> localAddress(String key) {
        return read(key, "", "empty, or a literal IP address of this machine such as 127.0.0.2", text -> {
            if (text.isEmpty()) {
                return Optional.of(Optional.<InetAddress>empty());
            }
            return literal(text).filter(SettingsReader::bindable).map(Optional::of);
        });
    }

    private static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text)); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean bindable(InetAddress address) {
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Printable ASCII (what an HTTP header may carry), not empty, of bounded length. */
    public String printableAscii(String key, String defaultValue, int maxLength) {
        return read(key, defaultValue, "printable ASCII text of 1 to " + maxLength + " characters",
                text -> !text.isEmpty() && text.length() <= maxLength && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                        ? Optional.of(text) : Optional.empty());
    }

    /** A refusal for a rule between keys, in the same form as the others. */
    public InvalidSettingException refuse(String key, String rule) {
        Optional<Setting> set = sources.find(key);
        String value = set.map(Setting::value).orElse(defaults.getOrDefault(key, ""));
        String where = set.map(s -> " (" + s.source() + ")").orElse(" (the default)");
        return new InvalidSettingException("sp500-rub: " + key + " " + rule + ", got \"" + shown(value) + "\"" + where);
    }

    private <T> T read(String key, String defaultValue, String accepted, Function<String, Optional<T>> parse) {
        defaults.put(key, defaultValue);
        Optional<Setting> set = sources.find(key);
        String text = set.map(Setting::value).orElse(defaultValue).strip();
        return parse.apply(text).orElseThrow(() -> new InvalidSettingException("sp500-rub: " + key + " must be "
                + accepted + ", got \"" + shown(text) + "\"" + set.map(s -> " (" + s.source() + ")").orElse("")));
    }

    /** A value from outside goes into one line: control characters escaped, length bounded. */
    static String shown(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(MAX_SHOWN).forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                shown.append(String.format("\\u%04x", c));
            } else if (c == '"' || c == '\\') {
                shown.append('\\').appendCodePoint(c);
            } else {
                shown.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_SHOWN ? shown + "..." : shown.toString();
    }
}
