package ru.sp500rub.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The broker that carries company work in {@code scrape.mode=distributed}: an external one
 * ({@code broker.url}), or one embedded in this instance ({@code broker.embedded=true}) on
 * {@code broker.host:broker.port} with its journal under {@code broker.data-dir}. A task that keeps
 * failing is tried {@code broker.max-delivery-attempts} times, {@code broker.redelivery-delay} apart
 * (doubling), then dead-lettered.
 *
 * @param user     the account this instance connects with, and the embedded broker's one account
 * @param password empty: no login (an embedded broker then listens on a loopback address only)
 */
public record BrokerSettings(boolean embedded, Optional<URI> url, InetAddress host, int port, Path dataDir, String user,
                             String password, int maxDeliveryAttempts, Duration redeliveryDelay) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static BrokerSettings read(SettingsReader r, FolderSettings folders, boolean distributed) {
        boolean embedded = r.bool("broker.embedded", false);
        Optional<URI> url = readUrl(r);
        InetAddress host = r.literalAddress("broker.host", "127.0.0.1");
        int port = r.wholeNumber("broker.port", 61616, 1, 65535);
        Path dataDir = r.folder("broker.data-dir", "broker-data");
        String user = r.matching("broker.user", "sp500-rub", USER, "1 to 64 letters, digits, '.', '_' or '-'");
        String password = r.secret("broker.password", 200);
        int attempts = r.wholeNumber("broker.max-delivery-attempts", 3, 1, 100);
        Duration delay = r.duration("broker.redelivery-delay", "1s", Duration.ZERO, Duration.ofMinutes(5));
        if (embedded && url.isPresent()) {
            throw r.refuse("broker.url", "must be empty with broker.embedded=true (this instance connects to its own broker)");
        }
        if (distributed && !embedded && url.isEmpty()) {
            throw r.refuse("scrape.mode", "distributed needs a broker: set broker.url (tcp://HOST:PORT) or broker.embedded=true");
        }
        if (embedded && password.isEmpty() && !host.isLoopbackAddress()) {
            throw r.refuse("broker.host", "must be a loopback address while broker.password is empty (an open broker"
                    + " would take work from anyone who can reach it)");
        }
        Path data = dataDir.toAbsolutePath().normalize();
        for (var other : java.util.Map.of("inbox.dir", folders.inboxDir(), "reports.dir", folders.reportsDir()).entrySet()) {
            if (data.startsWith(other.getValue().toAbsolutePath().normalize())) {
                throw r.refuse("broker.data-dir", "must be a folder outside " + other.getKey());
            }
        }
        return new BrokerSettings(embedded, url, host, port, dataDir, user, password, attempts, delay);
    }

    /** Where this instance's clients connect: the external broker, or its own. */
    public URI connectUrl() {
        return url.orElseGet(() -> URI.create("tcp://" + hostForUri() + ":" + port));
    }

    /** The embedded broker's listening address as Artemis writes it. */
    public String hostForUri() {
        String text = host.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

    /** Makes the embedded broker's folder if need be: one that cannot be written stops the start with its key. */
    public void prepare() {
        if (embedded) {
            FolderSettings.writable("broker.data-dir", dataDir);
        }
    }

    /** A password is never written anywhere by the service. */
    @Override
    public String toString() {
        return "BrokerSettings[embedded=" + embedded + ", url=" + connectUrl() + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + ", maxDeliveryAttempts=" + maxDeliveryAttempts
                + ", redeliveryDelay=" + redeliveryDelay + "]";
    }

    private static Optional<URI> readUrl(SettingsReader r) {
        String text = r.text("broker.url", "", 300);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0 && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // refused below, in the same words
        }
        throw r.refuse("broker.url", "must be tcp://HOST:PORT (no user, path or options)");
    }
}
