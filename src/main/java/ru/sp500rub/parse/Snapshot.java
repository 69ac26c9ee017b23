package ru.sp500rub.parse;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The "Stock Snapshot" box of a company page ({@code div.snapshot}): a list of items, each a value
 * and a label. Items are looked up by their label, never by position, because the list changed over
 * time (Bid/Ask, Dividend and others came and went) and because the same labels ("P/E Ratio")
 * also appear in the estimates table elsewhere on the page.
 *
 * <p>Two ways of pairing a value with its label are accepted:
 * <ul>
 *   <li>as recorded 2020-2022: the value is text of the item itself, before the label element
 *       ({@code <div class="snapshot__data-item">20.12<div class="snapshot__header">P/E Ratio</div></div>});</li>
 *   <li>as later scrapers describe it: the value is the element right after the label
 *       ({@code <div class="snapshot__header">P/E Ratio</div><div class="snapshot__value">19.91</div>}).</li>
 * </ul>
 * On v1 pages (2020-12 .. 2021-01) the 52-week items hold Vue placeholders such as
 * {@code {{low52weeksDisplay}}}; the numbers are then read from the inline script that feeds them.
 */
final class Snapshot {

    /** A JS number literal, or a grouped one in quotes; the comma ending the property is not part of it. */
    private static final String SCRIPT_NUMBER = "([-+]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[-+]?\\d+(?:\\.\\d+)?)";

    private final Element box;

    private Snapshot(Element box) {
        this.box = box;
    }

    /** The first snapshot box: a page assembled from several companies lists the main one first. */
    static Optional<Snapshot> of(Element page) {
        return Optional.ofNullable(page.selectFirst("div.snapshot")).map(Snapshot::new);
    }

    Optional<BigDecimal> number(String label) {
        return labelElement(label).flatMap(Snapshot::valueNextTo).flatMap(Numbers::parseDecimal);
    }

    /**
     * A 52-week bound: the item's value or, where the item shows a Vue placeholder such as
     * {@code {{low52weeksDisplay}}}, the raw number the inline script feeds it.
     *
     * @param scriptVariable the Vue data field holding the raw number, e.g. {@code low52weeks}
     */
    Optional<BigDecimal> numberOrScriptVariable(String label, String scriptVariable) {
        Optional<String> shown = labelElement(label).flatMap(Snapshot::valueNextTo);
        if (shown.isPresent() && shown.get().contains("{{")) {
            return scriptVariable(scriptVariable);
        }
        return shown.flatMap(Numbers::parseDecimal);
    }

    private Optional<Element> labelElement(String label) {
        Pattern exactLabel = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s*$", Pattern.CASE_INSENSITIVE);
        return box.getElementsMatchingOwnText(exactLabel).stream()
                .filter(element -> element != box)
                .findFirst();
    }

    private static Optional<String> valueNextTo(Element label) {
        Element item = label.parent();
        if (item != null && !item.ownText().isBlank()) {
            return Optional.of(item.ownText());
        }
        Element next = label.nextElementSibling();
        return next == null ? Optional.empty() : Optional.of(next.text());
    }

    private Optional<BigDecimal> scriptVariable(String name) {
        // \b and the colon right after the name keep "low52weeksDisplay" and "this.low52weeks =" out
        Pattern assignment = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*:\\s*'?" + SCRIPT_NUMBER);
        for (Element script : box.select("script")) {
            Matcher found = assignment.matcher(script.data());
            if (found.find()) {
                return Numbers.parseDecimal(found.group(1));
            }
        }
        return Optional.empty();
    }
}
