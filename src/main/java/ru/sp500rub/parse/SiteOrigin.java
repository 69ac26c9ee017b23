package ru.sp500rub.parse;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The one site the service fetches company pages from: scheme, host and port of the index URL. A link
 * (in an index page, or in a task from the broker) to any other place is not followed, so that neither a
 * page nor whoever can publish on the broker can send the service to an address of their choosing.
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
