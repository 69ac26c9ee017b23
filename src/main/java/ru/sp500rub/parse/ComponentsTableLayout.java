package ru.sp500rub.parse;

import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The two markups the components table has had. Each is recognised by the class of its table, never
 * by the table's position on the page, and says which cell of a row holds the 1-year change.
 */
enum ComponentsTableLayout {

    /** 2021-06 .. 2022-01: name, price, low/high, +/-, time, 3 mo., 6 mo., 1 year. */
    V2("table.table__layout--fixed tbody.table__tbody", 8, 7),

    /** 2020-12 .. 2021-04: as V2 plus an icon, a performance bar and a 1-year chart column. */
    V1("table.table-small", 11, 9);

    private final String bodySelector;
    private final int cellsPerRow;
    private final int yearChangeCell;

    ComponentsTableLayout(String bodySelector, int cellsPerRow, int yearChangeCell) {
        this.bodySelector = bodySelector;
        this.cellsPerRow = cellsPerRow;
        this.yearChangeCell = yearChangeCell;
    }

    /** The body of the components table and the layout it was recognised by. */
    record Found(ComponentsTableLayout layout, Element body) {
        Elements rows() {
            // v1 rows sit in the tbody jsoup adds; the header row there has th cells and no link
            return body.select("tr");
        }
    }

    static Optional<Found> find(Document page) {
        for (ComponentsTableLayout layout : values()) {
            Element body = page.selectFirst(layout.bodySelector);
            if (body != null) {
                return Optional.of(new Found(layout, body));
            }
        }
        return Optional.empty();
    }

    /** The cell with "+/-" over "%" for one year, or empty when the row is not shaped like this layout. */
    Optional<Element> yearChangeCell(Elements cells) {
        return cells.size() == cellsPerRow ? Optional.of(cells.get(yearChangeCell)) : Optional.empty();
    }
}
