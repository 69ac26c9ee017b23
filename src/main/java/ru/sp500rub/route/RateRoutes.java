package ru.sp500rub.route;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import ru.sp500rub.rate.CbrRateParser;
import ru.sp500rub.rate.UsdRubRateKeeper;

/**
 * The Bank of Russia rate: a timer fetches the daily XML and hands the USD->RUB rate to the keeper;
 * {@code direct:usd-rub-rate} answers the rate a company is converted with.
 */
public final class RateRoutes extends RouteBuilder {

    @Override
    public void configure() {
        UsdRubRateKeeper keeper = getContext().getRegistry().findSingleByType(UsdRubRateKeeper.class);
        CbrRateParser parser = getContext().getRegistry().findSingleByType(CbrRateParser.class);
        Duration awaitTimeout = Duration.parse(getContext().resolvePropertyPlaceholders("{{cbr.await-timeout}}"));

        from("timer:cbr?delay=0&period={{cbr.period}}").routeId("cbr-timer")
                .to("direct:cbr-refresh");

        from("direct:cbr-refresh").routeId("cbr-refresh")
                .routeConfigurationId(ErrorHandling.RATE_FETCH)
                .setProperty(Keys.PAGE_URL, simple("{{cbr.url}}"))
                .to("direct:http-get").id("cbr-fetch")
                .process(exchange -> keeper.accept(parser.parse(
                        exchange.getMessage().getBody(byte[].class),
                        exchange.getProperty(Keys.PAGE_URL, String.class)))).id("cbr-parse");

        from("direct:usd-rub-rate").routeId("usd-rub-rate")
                .process(exchange -> exchange.getMessage().setBody(keeper.awaitRate(awaitTimeout))).id("rate-await");
    }
}
