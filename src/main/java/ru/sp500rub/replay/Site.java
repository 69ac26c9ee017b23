package ru.sp500rub.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a replay serves: a response for each manifest key (path with its query, or a path ending in
 * {@code ?*} for any query). The server turns a request into candidate keys, this only looks them up.
 */
public interface Site {

    /** The response stored under exactly this key, if any. */
    Optional<Response> response(String key);

    /** A stored answer. The body array is shared, not copied: treat it as read-only. */
    record Response(int status, String contentType, byte[] body) {
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    /** An in-memory site over a copy of these key/response pairs. */
    static Site of(Map<String, Response> responses) {
        Map<String, Response> copy = Map.copyOf(new LinkedHashMap<>(responses));
        return key -> Optional.ofNullable(copy.get(key));
    }
}
