package ru.sp500rub.config;

import java.net.URI;

/** Where the data comes from: the components index (page 1) and the Bank of Russia's daily rates. */
public record SiteSettings(URI indexUrl, URI cbrUrl) {

    static SiteSettings read(SettingsReader r) {
        return new SiteSettings(
                r.httpUrl("sp500.index-url", "https://markets.businessinsider.com/index/components/s&p_500"),
                r.httpUrl("cbr.url", "http://www.cbr.ru/scripts/XML_daily.asp"));
    }
}
