package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * What starts a run in the standing service: a timer, or any file dropped into the inbox. A dropped
 * file moves to {@code .done} when its run published reports and to {@code .failed} (with a
 * {@code .reason} file) when it did not, stamped with the time it was picked up, so no file is picked
 * up twice, a bad one never loops, and none replaces an earlier one of the same name.
 */
public final class TriggerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:scrape?delay={{scrape.initial-delay}}&period={{scrape.period}}").routeId("trigger-timer")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .autoStartup("{{triggers.enabled}}")
                .setProperty(ScrapeRoutes.TRIGGER, constant("timer"))
                .to("direct:scrape").id("timer-run");

        // Each file keeps its name plus the time it was picked up, so a second file of the same name
        // (a cron job's "run.txt" every hour) never replaces the first one, or its reason.
        from("file:{{inbox.dir}}?readLock=changed&readLockMinAge=1s"
                + "&move=.done/${exchangeProperty.sp500.inboxFile}&moveFailed=.failed/${exchangeProperty.sp500.inboxFile}")
                .routeId("trigger-inbox")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .autoStartup("{{triggers.enabled}}")
                .setProperty(ScrapeRoutes.TRIGGER, simple("inbox file ${header.CamelFileName}"))
                .setProperty(Keys.INBOX_FILE, simple("${file:onlyname}.${date:now:yyyyMMdd-HHmmssSSS}"))
                .to("direct:scrape").id("inbox-run");
    }
}
