package ru.sp500rub.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two parts of a company page that hold every field we read: the price section (name, code,
 * price) and the snapshot box (P/E, 52-week range, and on v1 pages the script that feeds it). They are
 * about a tenth of a 170 KB page, so building a document from them alone is about ten times cheaper.
 *
 * <p>This is only a shortcut: each region is cut at the end of its own element by counting that
 * element's open and close tags (skipping scripts and comments), and when either region cannot be
 * found or closed, the caller parses the whole page instead.
 */
final class CompanyPageRegions {

    /** Literal patterns: the regex engine searches them with Boyer-Moore, skipping most of the page. */
    private static final Pattern PRICE_SECTION = Pattern.compile("class=\"price-section", Pattern.LITERAL);
    private static final Pattern SNAPSHOT = Pattern.compile("class=\"snapshot", Pattern.LITERAL);
    private static final Pattern TAG_NAME = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)");
    /** Further than any recorded region: past this the markup is not what we know; parse it all. */
    private static final int MAX_REGION = 256 * 1024;

    private CompanyPageRegions() {
    }

    /** Price section then snapshot box, as one fragment; empty when either is missing or unclosed. */
    static Optional<String> of(String html) {
        return cut(html).map(regions -> regions.text(html));
    }

    /**
     * The same from the response bytes. In an ASCII-compatible charset every marker and tag is the
     * same bytes, so the page is searched as Latin-1 (a plain copy, no decoding) and only the two
     * regions are decoded.
     */
    static Optional<String> of(byte[] page, Charset charset) {
        if (!isAsciiCompatible(charset)) {
            return of(new String(page, charset));
        }
        return cut(new String(page, StandardCharsets.ISO_8859_1)).map(regions -> regions.text(page, charset));
    }

    private record Regions(int priceStart, int priceEnd, int snapshotStart, int snapshotEnd) {
        String text(String html) {
            return html.substring(priceStart, priceEnd) + html.substring(snapshotStart, snapshotEnd);
        }

        String text(byte[] page, Charset charset) {
            return new String(page, priceStart, priceEnd - priceStart, charset)
                    + new String(page, snapshotStart, snapshotEnd - snapshotStart, charset);
        }
    }

    private static Optional<Regions> cut(String html) {
        Optional<int[]> price = elementAround(html, PRICE_SECTION, c -> true);
        // the box itself (class "snapshot" or "snapshot ..."), not one of its "snapshot__..." items
        Optional<int[]> snapshot = elementAround(html, SNAPSHOT, c -> c == '"' || c == ' ');
        if (price.isEmpty() || snapshot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Regions(price.get()[0], price.get()[1], snapshot.get()[0], snapshot.get()[1]));
    }

    private static boolean isAsciiCompatible(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1) || charset.name().startsWith("windows-125");
    }

    /** Start and end of the whole element whose start tag holds the first marker followed as required. */
    private static Optional<int[]> elementAround(String html, Pattern marker, IntPredicate followedBy) {
        Matcher matcher = marker.matcher(html);
        int found = -1;
        while (found < 0 && matcher.find()) {
            if (matcher.end() < html.length() && followedBy.test(html.charAt(matcher.end()))) {
                found = matcher.start();
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        int start = html.lastIndexOf('<', found);
        if (start < 0) {
            return Optional.empty();
        }
        Matcher name = TAG_NAME.matcher(html).region(start, Math.min(html.length(), start + 64));
        if (!name.lookingAt()) {
            return Optional.empty();
        }
        return end(html, start, name.group(1).toLowerCase(Locale.ROOT)).map(end -> new int[] {start, end});
    }

    /** Index just past the close tag that balances the element opened at {@code start}. */
    private static Optional<Integer> end(String html, int start, String tag) {
        String open = "<" + tag;
        String close = "</" + tag;
        int limit = Math.min(html.length(), start + MAX_REGION);
        int depth = 0;
        int i = start;
        while (i < limit) {
            int lt = html.indexOf('<', i);
            if (lt < 0 || lt >= limit) {
                return Optional.empty();
            }
            if (html.startsWith("<!--", lt)) {
                i = skipPast(html, lt, "-->");
            } else if (startsWithTag(html, lt, "<script")) {
                i = skipPast(html, lt, "</script");
            } else if (startsWithTag(html, lt, close)) {
                depth--;
                i = lt + close.length();
                if (depth == 0) {
                    int gt = html.indexOf('>', i);
                    return gt < 0 ? Optional.empty() : Optional.of(gt + 1);
                }
            } else if (startsWithTag(html, lt, open)) {
                depth++;
                i = lt + open.length();
            } else {
                i = lt + 1;
            }
            if (i < 0) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int skipPast(String html, int from, String terminator) {
        int at = html.indexOf(terminator, from + 1);
        return at < 0 ? -1 : at + terminator.length();
    }

    /** {@code html} has {@code tag} at {@code at}, followed by a character that ends a tag name. */
    private static boolean startsWithTag(String html, int at, String tag) {
        if (!html.regionMatches(true, at, tag, 0, tag.length())) {
            return false;
        }
        int after = at + tag.length();
        if (after >= html.length()) {
            return false;
        }
        char c = html.charAt(after);
        return c == '>' || c == '/' || Character.isWhitespace(c);
    }
}
