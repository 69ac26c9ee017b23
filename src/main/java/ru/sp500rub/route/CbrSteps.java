package ru.sp500rub.route;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import ru.sp500rub.rate.CbrRateParser;
import ru.sp500rub.rate.UsdRubRateKeeper;

/** Bean {@code cbr}: the CBR's answer becomes the keeper's current rate, or its failure the keeper's reason. */
public final class CbrSteps {

    private final CbrRateParser parser;
    private final UsdRubRateKeeper keeper;

    public CbrSteps(CbrRateParser parser, UsdRubRateKeeper keeper) {
        this.parser = parser;
        this.keeper = keeper;
    }

    public void accept(@Body byte[] xml, @ExchangeProperty(Keys.PAGE_URL) String url) {
        keeper.accept(parser.parse(xml, url));
    }

    public void failed(Exchange exchange) {
        keeper.fetchFailed(FailureReasons.forPage(FailureReasons.caught(exchange)));
    }
}
