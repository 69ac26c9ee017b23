package ru.sp500rub.route;

import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;
import ru.sp500rub.config.ScheduleSettings;

/**
 * What starts a run in the standing service: a timer, or any file dropped into the inbox. A dropped
 * file moves to {@code .done} when its run published reports and to {@code .failed} (with a
 * {@code .reason} file) when it did not, stamped with the time it was picked up, so no file is picked
 * up twice, a bad one never loops, and none replaces an earlier one of the same name.
 */
public final class TriggerRoutes extends RouteBuilder {

    private final ScheduleSettings schedule;
    private final Path inboxDir;

    public TriggerRoutes(ScheduleSettings schedule, Path inboxDir) {
        this.schedule = schedule;
        this.inboxDir = inboxDir;
    }

    @Override
    public void configure() {
        String keptAs = Keys.simpleProperty(Keys.INBOX_FILE);

        from("timer:scrape?delay=" + schedule.initialDelay().toMillis() + "&period=" + schedule.period().toMillis())
                .routeId("trigger-timer")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .autoStartup(schedule.triggersEnabled())
                .setProperty(Keys.TRIGGER, constant("timer"))
                .to(Endpoints.SCRAPE).id("timer-run");

        from("file:" + inboxDir + "?readLock=changed&readLockMinAge=1s"
                + "&move=.done/" + keptAs + "&moveFailed=.failed/" + keptAs)
                .routeId("trigger-inbox")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .autoStartup(schedule.triggersEnabled())
                .setProperty(Keys.TRIGGER, simple("inbox file ${header.CamelFileName}"))
                // Each file keeps its name plus the time it was picked up, so a second file of the same
                // name (a cron job's "run.txt" every hour) never replaces the first one, or its reason.
                .setProperty(Keys.INBOX_FILE, simple("${file:onlyname}.${date:now:yyyyMMdd-HHmmssSSS}"))
                .to(Endpoints.SCRAPE).id("inbox-run");
    }
}
