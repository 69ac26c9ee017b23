package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;
import ru.sp500rub.config.RateSettings;
import ru.sp500rub.config.ScheduleSettings;
import ru.sp500rub.config.SiteSettings;

/**
 * The Bank of Russia rate: a timer fetches the daily XML (at start-up, then every cbr.period) and hands
 * the USD/RUB rate to the keeper, which a run asks for its one rate.
 */
public final class RateRoutes extends RouteBuilder {

    private final SiteSettings site;
    private final ScheduleSettings schedule;

    public RateRoutes(SiteSettings site, ScheduleSettings schedule) {
        this.site = site;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        from("timer:cbr?delay=0&period=" + schedule.cbrPeriod().toMillis()).routeId("cbr-timer")
                .to(Endpoints.CBR_REFRESH);

        from(Endpoints.CBR_REFRESH).routeId("cbr-refresh")
                .routeConfigurationId(ErrorHandling.RATE_FETCH)
                .setProperty(Keys.PAGE_URL, constant(site.cbrUrl().toString()))
                .to(Endpoints.HTTP_GET).id("cbr-fetch")
                .bean(Beans.CBR, "accept").id("cbr-parse");
    }
}
