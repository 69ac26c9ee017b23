package ru.sp500rub.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two parts of a company page that hold every field we read: the price section (name, code,
 * price) and the snapshot box (P/E, 52-week range, and on v1 pages the script that feeds it). They are
 * about a tenth of a 170 KB page, so building a document from them alone is about ten times cheaper.
 *
 * <p>This is only a shortcut: each region is cut at the end of its own element (see
 * {@link HtmlElements}), and when either region cannot be found or closed, the caller parses the
 * whole page instead.
 */
final class CompanyPageRegions {

    /** Literal patterns: the regex engine searches them with Boyer-Moore, skipping most of the page. */
    private static final Pattern PRICE_SECTION = Pattern.compile("class=\"price-section", Pattern.LITERAL);
    private static final Pattern SNAPSHOT = Pattern.compile("class=\"snapshot", Pattern.LITERAL);

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
        Optional<int[]> price = HtmlElements.around(html, PRICE_SECTION, c -> true);
        // the box itself (class "snapshot" or "snapshot ..."), not one of its "snapshot__..." items
        Optional<int[]> snapshot = HtmlElements.around(html, SNAPSHOT, c -> c == '"' || c == ' ');
        if (price.isEmpty() || snapshot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Regions(price.get()[0], price.get()[1], snapshot.get()[0], snapshot.get()[1]));
    }

    private static boolean isAsciiCompatible(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1) || charset.name().startsWith("windows-125");
    }
}
