package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * What starts a run in the standing service: a timer, or any file dropped into the inbox. A dropped
 * file moves to {@code .done} when its run published reports and to {@code .failed} (with a
 * {@code .reason} file) when it did not, so no file is picked up twice and a bad one never loops.
 */
public final class TriggerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:scrape?delay={{scrape.initial-delay}}&period={{scrape.period}}").routeId("trigger-timer")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .autoStartup("{{triggers.enabled}}")
                .setProperty(ScrapeRoutes.TRIGGER, constant("timer"))
                .to("direct:scrape").id("timer-run");

        from("file:{{inbox.dir}}?readLock=changed&readLockMinAge=1s&move=.done/${file:name}.${date:now:yyyyMMdd-HHmmss}"
                + "&moveFailed=.failed/${file:name}")
                .routeId("trigger-inbox")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .autoStartup("{{triggers.enabled}}")
                .setProperty(ScrapeRoutes.TRIGGER, simple("inbox file ${header.CamelFileName}"))
                .setProperty(Keys.INBOX_FILE, header(Exchange.FILE_NAME_ONLY))
                .to("direct:scrape").id("inbox-run");
    }
}
