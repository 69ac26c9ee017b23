package ru.sp500rub.report;

import java.util.Locale;

/** The four published reports: the file each is written to and the JSON key of its figure. */
public enum Report {
    PRICE_RUB("top10-price-rub.json", "price"),
    LOWEST_PE("top10-lowest-pe.json", "P/E"),
    GROWTH("top10-growth.json", "growth"),
    POTENTIAL_PROFIT("top10-potential-profit.json", "potential profit");

    private final String fileName;
    private final String valueKey;

    Report(String fileName, String valueKey) {
        this.fileName = fileName;
        this.valueKey = valueKey;
    }

    public String fileName() {
        return fileName;
    }

    public String valueKey() {
        return valueKey;
    }

    /** A short name for route ids: "price-rub", "lowest-pe", ... */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
