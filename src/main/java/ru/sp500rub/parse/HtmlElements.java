package ru.sp500rub.parse;

import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts one element out of a page's text without building a document: from the start tag that holds
 * a marker to the close tag that balances it, counting that element's own open and close tags and
 * skipping scripts and comments. Used to hand jsoup only the part of a page that is read; a cut that
 * cannot be made answers empty, and the caller then parses the whole page.
 */
final class HtmlElements {

    private static final Pattern TAG_NAME = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)");
    /** Further than any recorded element: past this the markup is not what we know; parse it all. */
    private static final int MAX_ELEMENT = 256 * 1024;
    /** A real page has one marker of each kind, a few more quoted in its scripts. */
    static final int MAX_CANDIDATES = 32;

    private HtmlElements() {
    }

    /**
     * Start and end of the whole element whose start tag holds the first marker followed as required.
     * A marker quoted in a script or a comment is passed over with the whole script or comment, and
     * after {@value #MAX_CANDIDATES} markers that were not the element the shortcut gives up: a page
     * made of markers costs a linear search, never one search per marker.
     */
    static Optional<int[]> around(String html, Pattern marker, IntPredicate followedBy) {
        Matcher matcher = marker.matcher(html);
        int found = -1;
        int candidates = 0;
        while (found < 0 && candidates++ < MAX_CANDIDATES && matcher.find()) {
            if (matcher.end() >= html.length() || !followedBy.test(html.charAt(matcher.end()))) {
                continue;
            }
            int quotedUntil = endOfScriptOrCommentAround(html, matcher.start());
            if (quotedUntil < 0) {
                found = matcher.start();
            } else if (quotedUntil >= html.length()) {
                return Optional.empty();
            } else {
                matcher.region(quotedUntil, html.length());
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
        int limit = Math.min(html.length(), start + MAX_ELEMENT);
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

    /**
     * Markup quoted in a script or a comment is not part of the page (jsoup would not see it either):
     * where {@code at} is inside one, the index just past its end (the page's length when it never
     * ends); -1 when {@code at} is in the page itself.
     */
    private static int endOfScriptOrCommentAround(String html, int at) {
        int end = endOfOpenBefore(html, at, "<script", "</script");
        return end >= 0 ? end : endOfOpenBefore(html, at, "<!--", "-->");
    }

    private static int endOfOpenBefore(String html, int at, String open, String close) {
        int opened = html.lastIndexOf(open, at);
        if (opened < 0) {
            return -1;
        }
        int closed = html.indexOf(close, opened);
        if (closed < 0) {
            return html.length();
        }
        return closed > at ? closed + close.length() : -1;
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
