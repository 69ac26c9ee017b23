package ru.sp500rub.cluster;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's settings (keys {@code broker.*}). Validated here so that a bad value stops the start with
 * its key's name; the lead's {@code SettingsReader} reads the keys into this record.
 *
 * @param embedded            {@code broker.embedded}: start an Artemis broker inside this instance
 * @param url                 {@code broker.url}: an external broker, e.g. {@code tcp://10.0.0.5:61616}; empty with
 *                            an embedded broker = {@code tcp://broker.host:broker.port}
 * @param host                {@code broker.host}: the embedded broker's address (a literal IP, loopback unless a
 *                            password is set)
 * @param port                {@code broker.port}: the embedded broker's port, 1-65535
 * @param dataDir             {@code broker.data-dir}: the embedded broker's journal, bindings and paging folders
 * @param user                {@code broker.user}: the one account of the embedded broker, and the account used to
 *                            connect to any broker
 * @param password            {@code broker.password}: empty = the embedded broker asks for no login (only allowed
 *                            on a loopback address)
 * @param maxDeliveryAttempts {@code broker.max-delivery-attempts}: deliveries of a task before it goes to the
 *                            dead-letter queue, 1-100
 * @param redeliveryDelay     {@code broker.redelivery-delay}: wait before a rolled-back task is delivered again,
 *                            0-5 min
 * @param maxMemoryBytes      {@code broker.max-memory}: messages held in memory by the embedded broker; beyond it
 *                            an address pages to disk
 * @param maxPagedBytes       {@code broker.max-paged}: disk an address may page to; beyond it a send fails
 */
public record BrokerSettings(boolean embedded, Optional<URI> url, String host, int port, Path dataDir, String user,
                             String password, int maxDeliveryAttempts, Duration redeliveryDelay, long maxMemoryBytes,
                             long maxPagedBytes) {

    public static final int DEFAULT_PORT = 61616;

    public BrokerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(redeliveryDelay, "redeliveryDelay");
        url.ifPresent(u -> require("broker.url", u.toString(), "tcp".equals(u.getScheme()) && u.getHost() != null
                && u.getPort() > 0, "a tcp://HOST:PORT URL"));
        InetAddress address = literalAddress(host);
        require("broker.port", port, port >= 1 && port <= 65535, "1-65535");
        require("broker.user", user, user.matches("[A-Za-z0-9._-]{1,64}"), "1-64 letters, digits or ._-");
        if (embedded) {
            require("broker.password", "(empty)", !password.isEmpty() || address.isLoopbackAddress(),
                    "set when broker.host is not a loopback address (an open broker would take tasks from anyone)");
        }
        require("broker.max-delivery-attempts", maxDeliveryAttempts, maxDeliveryAttempts >= 1 && maxDeliveryAttempts <= 100,
                "1-100");
        require("broker.redelivery-delay", redeliveryDelay, !redeliveryDelay.isNegative()
                && redeliveryDelay.compareTo(Duration.ofMinutes(5)) <= 0, "0-5 min");
        require("broker.max-memory", maxMemoryBytes, maxMemoryBytes >= 1 << 20, ">= 1 MiB");
        require("broker.max-paged", maxPagedBytes, maxPagedBytes >= 1 << 20, ">= 1 MiB");
    }

    /** The embedded broker's defaults: loopback, port 61616, no login, 3 deliveries 1 s apart, 32 MiB in memory. */
    public static BrokerSettings embeddedOn(String host, int port, Path dataDir) {
        return new BrokerSettings(true, Optional.empty(), host, port, dataDir, "sp500-rub", "", 3, Duration.ofSeconds(1),
                32L << 20, 256L << 20);
    }

    /** A broker run elsewhere, with the same delivery defaults. */
    public static BrokerSettings external(URI url) {
        return new BrokerSettings(false, Optional.of(url), "127.0.0.1", DEFAULT_PORT, Path.of("broker-data"), "sp500-rub", "",
                3, Duration.ofSeconds(1), 32L << 20, 256L << 20);
    }

    public BrokerSettings withDelivery(int attempts, Duration delay) {
        return new BrokerSettings(embedded, url, host, port, dataDir, user, password, attempts, delay, maxMemoryBytes,
                maxPagedBytes);
    }

    public BrokerSettings withPassword(String newPassword) {
        return new BrokerSettings(embedded, url, host, port, dataDir, user, newPassword, maxDeliveryAttempts,
                redeliveryDelay, maxMemoryBytes, maxPagedBytes);
    }

    /** Where the clients of this instance connect: the external broker, or the embedded one. */
    public URI connectUrl() {
        return url.orElseGet(() -> URI.create("tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port));
    }

    private static InetAddress literalAddress(String host) {
        // a literal only: a name would be resolved (DNS) at every start and could point anywhere
        require("broker.host", host, host.matches("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}"), "a literal IP address");
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sp500-rub: broker.host must be a literal IP address, got \""
                    + LogText.of(host, 40) + "\"");
        }
    }

    private static void require(String key, Object value, boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("sp500-rub: " + key + " must be " + rule + ", got \""
                    + LogText.of(String.valueOf(value), 80) + "\"");
        }
    }
}
