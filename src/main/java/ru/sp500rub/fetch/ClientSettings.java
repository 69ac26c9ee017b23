package ru.sp500rub.fetch;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link SiteClient} asks: who it says it is, how long one attempt may take, how much it reads.
 *
 * @param userAgent       sent on every request; names the service so a site operator can tell who asks
 * @param connectTimeout  to open a connection
 * @param attemptTimeout  one whole attempt, redirects, headers and body included; then it is aborted
 * @param maxBodyBytes    a page (decoded) larger than this is a failure, read no further
 * @param maxRedirects    redirects followed within one attempt
 * @param maxConnections  connections kept open to one site
 * @param localAddress    the address to connect from (several may be configured on a host), or the default
 */
public record ClientSettings(String userAgent, Duration connectTimeout, Duration attemptTimeout, long maxBodyBytes,
                             int maxRedirects, int maxConnections, Optional<InetAddress> localAddress) {

    /** Names the service, its version and where to read about it; an operator may set another. */
    public static final String DEFAULT_USER_AGENT = "sp500-rub/" + version()
            + " (S&P 500 top-10 reports in roubles; +https://github.com/sp500-rub/sp500-rub)";

    public ClientSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII, got \"" + Untrusted.quote(userAgent) + "\"");
        }
        positive(connectTimeout, "connectTimeout");
        positive(attemptTimeout, "attemptTimeout");
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be in [1, 2^31 - 9], got " + maxBodyBytes);
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be in [0, 20], got " + maxRedirects);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
        }
        Objects.requireNonNull(localAddress, "localAddress");
    }

    public static ClientSettings defaults() {
        return new ClientSettings(DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30), 4L << 20, 5, 64,
                Optional.empty());
    }

    public ClientSettings withAttemptTimeout(Duration timeout) {
        return new ClientSettings(userAgent, connectTimeout, timeout, maxBodyBytes, maxRedirects, maxConnections, localAddress);
    }

    public ClientSettings withMaxBodyBytes(long bytes) {
        return new ClientSettings(userAgent, connectTimeout, attemptTimeout, bytes, maxRedirects, maxConnections, localAddress);
    }

    public ClientSettings withMaxConnections(int connections) {
        return new ClientSettings(userAgent, connectTimeout, attemptTimeout, maxBodyBytes, maxRedirects, connections, localAddress);
    }

    public ClientSettings withLocalAddress(InetAddress address) {
        return new ClientSettings(userAgent, connectTimeout, attemptTimeout, maxBodyBytes, maxRedirects, maxConnections,
                Optional.of(address));
    }

    public ClientSettings withUserAgent(String agent) {
        return new ClientSettings(agent, connectTimeout, attemptTimeout, maxBodyBytes, maxRedirects, maxConnections, localAddress);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static String version() {
        String v = ClientSettings.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "1.0" : v;
    }
}
