package ru.sp500rub.parse;

import java.util.Locale;
import java.util.Optional;
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

    private static final Pattern PRICE_SECTION = Pattern.compile("class=\"price-section");
    private static final Pattern SNAPSHOT = Pattern.compile("class=\"snapshot[\" ]");
    private static final Pattern TAG_NAME = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)");
    /** Further than any recorded region: past this the markup is not what we know; parse it all. */
    private static final int MAX_REGION = 256 * 1024;

    private CompanyPageRegions() {
    }

    /** Price section then snapshot box, as one fragment; empty when either is missing or unclosed. */
    static Optional<String> of(String html) {
        Optional<String> price = elementAround(html, PRICE_SECTION);
        Optional<String> snapshot = elementAround(html, SNAPSHOT);
        if (price.isEmpty() || snapshot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(price.get() + snapshot.get());
    }

    /** The whole element whose start tag holds the first match of {@code marker}. */
    private static Optional<String> elementAround(String html, Pattern marker) {
        Matcher found = marker.matcher(html);
        if (!found.find()) {
            return Optional.empty();
        }
        int start = html.lastIndexOf('<', found.start());
        if (start < 0) {
            return Optional.empty();
        }
        Matcher name = TAG_NAME.matcher(html).region(start, Math.min(html.length(), start + 64));
        if (!name.lookingAt()) {
            return Optional.empty();
        }
        return end(html, start, name.group(1).toLowerCase(Locale.ROOT)).map(end -> html.substring(start, end));
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
