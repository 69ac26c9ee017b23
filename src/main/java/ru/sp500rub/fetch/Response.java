package ru.sp500rub.fetch;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A page as it arrived: the URL it finally came from (after redirects), its status, its headers (names
 * in lower case) and its body, already decoded from gzip.
 */
public record Response(URI url, int status, Map<String, List<String>> headers, byte[] body) {

    public Response {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The Content-Type as sent ("text/html; charset=utf-8"), for the parser to choose a charset. */
    public Optional<String> contentType() {
        return header("content-type");
    }
}
