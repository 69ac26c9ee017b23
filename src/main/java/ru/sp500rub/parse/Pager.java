package ru.sp500rub.parse;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads the number of pages from the pager under the components table ({@code div.finando_paging}).
 * The pager lists page numbers with gaps ("1 | ... | 3 | 4 ... | 11") plus back/next arrows, so the
 * page count is the highest page any of its links names, by text or by {@code ?p=N}.
 */
final class Pager {

    private static final Pattern PAGE_PARAMETER = Pattern.compile("[?&]p=(\\d+)");
    private static final Pattern PAGE_NUMBER = Pattern.compile("\\d+");

    private Pager() {
    }

    /** Letter pages and fragments have no pager: they are a single page. */
    static int pageCount(Document page) {
        Element pager = page.selectFirst("div.finando_paging");
        if (pager == null) {
            return 1;
        }
        int highest = 1;
        for (Element link : pager.select("a")) {
            highest = Math.max(highest, pageNamedBy(link).orElse(1));
        }
        return highest;
    }

    private static OptionalInt pageNamedBy(Element link) {
        int fromText = 0;
        String text = link.text().strip();
        if (PAGE_NUMBER.matcher(text).matches() && text.length() < 6) {
            fromText = Integer.parseInt(text);
        }
        int fromHref = 0;
        Matcher parameter = PAGE_PARAMETER.matcher(link.attr("href"));
        if (parameter.find() && parameter.group(1).length() < 6) {
            fromHref = Integer.parseInt(parameter.group(1));
        }
        int page = Math.max(fromText, fromHref);
        return page > 0 ? OptionalInt.of(page) : OptionalInt.empty();
    }
}
