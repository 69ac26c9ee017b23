package ru.sp500rub.cluster;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The one site a task may send a worker to: scheme, host and port of the index URL. A task naming any
 * other place is refused, so that whoever can publish on the queue cannot make the workers fetch it.
 */
public record SiteOrigin(String scheme, String host, int port) {
    public SiteOrigin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
    }

    public static SiteOrigin of(URI siteUrl) {
        if (siteUrl.getScheme() == null || siteUrl.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL with a host: " + siteUrl);
        }
        return new SiteOrigin(siteUrl.getScheme(), siteUrl.getHost(), effectivePort(siteUrl));
    }

    public boolean contains(URI url) {
        return url.getScheme() != null && url.getHost() != null
                && scheme.equals(url.getScheme().toLowerCase(Locale.ROOT))
                && host.equals(url.getHost().toLowerCase(Locale.ROOT))
                && port == effectivePort(url);
    }

    private static int effectivePort(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
