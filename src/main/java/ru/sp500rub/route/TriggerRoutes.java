package ru.sp500rub.route;

import java.nio.file.Path;
import org.apache.camel.builder.RouteBuilder;
import ru.sp500rub.config.ScheduleSettings;

/**
 * What starts a run in the standing service: a timer, or any file dropped into the inbox. A dropped
 * file moves to {@code .done} when its run published reports and to {@code .failed} (with a
 * {@code .reason} file) when it did not, stamped with the time it was picked up, so no file is picked
 * up twice, a bad one never loops, and none replaces an earlier one of the same name. With instances
 * on one {@code cluster.dir}, only the leader's triggers run (bean {@code leaderOnly}): a trigger starts
 * one run across the cluster.
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
                .routePolicyRef(Beans.LEADER_ONLY) // with cluster.dir: only the leader's
                .autoStartup(schedule.triggersEnabled())
                .setProperty(Keys.TRIGGER, constant("timer"))
                .to(Endpoints.SCRAPE).id("timer-run");

        // A file is kept under its name (made safe) plus the time it was picked up, so a second file of the
        // same name (a cron job's "run.txt" every hour) never replaces the first one, or its reason. A
        // file is never picked up twice (by name, size and time), even if it could not be moved aside;
        // trouble with the inbox itself is said once until it changes (InboxWatch). An empty file (touch) is
        // a trigger too (readLockMinLength=0: the changed read lock waits for content by default). No marker files: only
        // one consumer reads an inbox (the leader, when instances share it).
        from("file:" + inboxDir + "?readLock=changed&readLockMinAge=1s&readLockMinLength=0&readLockMarkerFile=false"
                + "&idempotent=true&idempotentKey=${file:name}-${file:size}-${file:modified}"
                + "&pollStrategy=#" + Beans.INBOX_WATCH + "&exceptionHandler=#" + Beans.INBOX_WATCH
                + "&move=.done/" + keptAs + "&moveFailed=.failed/" + keptAs)
                .routeId("trigger-inbox")
                .routeConfigurationId(ErrorHandling.TRIGGER)
                .routePolicyRef(Beans.LEADER_ONLY) // with cluster.dir: only the leader's
                .autoStartup(schedule.triggersEnabled())
                .bean(Beans.INBOX_FILES, "pickedUp").id("inbox-picked-up")
                .to(Endpoints.SCRAPE).id("inbox-run");
    }
}
