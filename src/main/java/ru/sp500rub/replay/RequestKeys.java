package ru.sp500rub.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest keys a request may be answered by, in the order a replay tries them. The live site
 * treats {@code s%26p_500} and {@code s&p_500} alike, so the path is tried as sent and percent-decoded;
 * the query is never decoded (serve.py does the same). A key ending in {@code ?*} answers any query.
 */
final class RequestKeys {
    static final String ANY_QUERY = "?*";

    private RequestKeys() {
    }

    /** Candidate keys for a request target such as {@code /index/components/s%26p_500?p=2}. */
    static List<String> candidates(String rawTarget) {
        int q = rawTarget.indexOf('?');
        String rawPath = q < 0 ? rawTarget : rawTarget.substring(0, q);
        String query = q < 0 ? "" : rawTarget.substring(q + 1);
        String decodedPath = percentDecode(rawPath);
        List<String> keys = new ArrayList<>(4);
        addOnce(keys, withQuery(rawPath, query));
        addOnce(keys, withQuery(decodedPath, query));
        addOnce(keys, rawPath + ANY_QUERY);
        addOnce(keys, decodedPath + ANY_QUERY);
        return keys;
    }

    /** The key a recorded request is stored under: the decoded path (what serve.py matches) and the raw query. */
    static String recordingKey(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String decoded = percentDecode(path);
        // A decoded tab or newline cannot live in a TSV row; the raw form always can and still matches here.
        String chosen = hasControlCharacters(decoded) ? path : decoded;
        return withQuery(chosen, rawQuery == null ? "" : rawQuery);
    }

    /** Like Python's {@code urllib.parse.unquote}: UTF-8, malformed escapes kept as they are, '+' kept. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                pending.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            flush(pending, out);
            out.append(c);
            i++;
        }
        flush(pending, out);
        return out.toString();
    }

    static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String withQuery(String path, String query) {
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static void addOnce(List<String> keys, String key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
