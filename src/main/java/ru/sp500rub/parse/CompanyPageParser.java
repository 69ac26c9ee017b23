package ru.sp500rub.parse;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import ru.sp500rub.log.LogText;
import ru.sp500rub.model.CompanyQuote;
import ru.sp500rub.model.PriceRange;

/**
 * Parses a Business Insider Markets company page ({@code /stocks/xxx-stock}) into a {@link CompanyQuote}.
 *
 * <p>Accepted layouts (all recorded 2020-12 .. 2022-01):
 * <ul>
 *   <li>v1 (2020-12 .. 2021-01): 52-week values rendered by Vue from an inline script;</li>
 *   <li>v1.5 / v2 (2021-04 on): 52-week values in the HTML; raw responses as well as browser-saved,
 *       Vue-rendered DOMs ({@code data-v-*} attributes, no whitespace);</li>
 *   <li>snapshot items whose value follows the label as a sibling element (the form later scrapers
 *       describe).</li>
 * </ul>
 * Name, code and price come from the main price section ({@code span.price-section__label},
 * {@code span.price-section__category > span}, {@code .price-section__current-value} outside the
 * {@code price-section--future} block that repeats the official close). P/E and the 52-week range come
 * from the snapshot box, by label (see {@link Snapshot}).
 *
 * <p>A missing price, code or name fails with {@link LayoutNotRecognisedException} rather than a zero;
 * a ticker, name or price that cannot be a share's fails with {@link ImplausibleQuoteException}.
 * So does a page without a snapshot box: every real company page has one (the site drops single
 * items, not the box), so its absence means the markup changed, and reporting "no P/E" for every
 * company would silently empty two of the four reports. A missing P/E item, or a missing 52-week
 * bound, is an ordinary empty value.
 */
public final class CompanyPageParser {

    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,11}");
    private static final int MAX_NAME = 200;
    private static final BigDecimal MAX_PRICE_USD = new BigDecimal("10000000");

    /**
     * Reads the page from its price section and snapshot box alone when they can be cut out, which is
     * about ten times cheaper; the whole page decides whenever that shortcut finds less.
     */
    public CompanyQuote parse(String html) {
        Optional<CompanyQuote> fromRegions = CompanyPageRegions.of(html).flatMap(CompanyPageParser::parseRegions);
        return fromRegions.orElseGet(() -> parseWhole(html));
    }

    /** The same from the response bytes, decoding only what is read. */
    public CompanyQuote parse(byte[] page, Charset charset) {
        Optional<CompanyQuote> fromRegions = CompanyPageRegions.of(page, charset).flatMap(CompanyPageParser::parseRegions);
        return fromRegions.orElseGet(() -> parseWhole(new String(page, charset)));
    }

    static Optional<CompanyQuote> parseRegions(String regions) {
        try {
            return Optional.of(read(Jsoup.parseBodyFragment(regions)));
        } catch (LayoutNotRecognisedException incomplete) {
            return Optional.empty();
        }
    }

    static CompanyQuote parseWhole(String html) {
        return read(Jsoup.parse(html));
    }

    private static CompanyQuote read(Document page) {
        BigDecimal price = mainPrice(page).orElseThrow(() -> new LayoutNotRecognisedException("no price"));
        String code = code(page).orElseThrow(() -> new LayoutNotRecognisedException("no code"));
        String name = name(page).orElseThrow(() -> new LayoutNotRecognisedException("no name"));
        Snapshot snapshot = Snapshot.of(page).orElseThrow(() -> new LayoutNotRecognisedException("no snapshot"));
        return new CompanyQuote(plausibleCode(code), plausibleName(name), plausiblePrice(price),
                snapshot.number("P/E Ratio"), yearRange(snapshot));
    }

    /** BRK.B and BF.B are the longest-looking tickers of the index; a ticker is a few letters. */
    private static String plausibleCode(String code) {
        if (!TICKER.matcher(code).matches()) {
            throw new ImplausibleQuoteException("the ticker \"" + LogText.escape(code, 20) + "\" is not one");
        }
        return code;
    }

    private static String plausibleName(String name) {
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new ImplausibleQuoteException("the company name \"" + LogText.escape(name, 40)
                    + "\" is longer than " + MAX_NAME + " characters or holds control characters");
        }
        return name;
    }

    /** No share of the index has ever been near ten million dollars (BRK.A: about 0.6 million). */
    private static BigDecimal plausiblePrice(BigDecimal price) {
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE_USD) > 0) {
            throw new ImplausibleQuoteException("a price of " + price.toPlainString() + " USD");
        }
        return price;
    }

    private static Optional<BigDecimal> mainPrice(Document page) {
        for (Element value : page.select(".price-section__current-value")) {
            if (value.closest(".price-section--future") == null) {
                return Numbers.parseDecimal(value.text());
            }
        }
        return Optional.empty();
    }

    /** The category reads "Stock , MMM"; the ticker is its inner span without the comma. */
    private static Optional<String> code(Document page) {
        return Optional.ofNullable(page.selectFirst("span.price-section__category > span"))
                .map(span -> span.text().replaceAll("[,\\s\\u00a0]", ""))
                .filter(code -> !code.isEmpty());
    }

    private static Optional<String> name(Document page) {
        return Optional.ofNullable(page.selectFirst("span.price-section__label"))
                .map(label -> label.text().replace('\u00a0', ' ').strip())
                .filter(name -> !name.isEmpty());
    }

    private static Optional<PriceRange> yearRange(Snapshot snapshot) {
        Optional<BigDecimal> low = snapshot.numberOrScriptVariable("52 Week Low", "low52weeks");
        Optional<BigDecimal> high = snapshot.numberOrScriptVariable("52 Week High", "high52weeks");
        if (low.isEmpty() || high.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PriceRange(low.get(), high.get()));
    }
}
