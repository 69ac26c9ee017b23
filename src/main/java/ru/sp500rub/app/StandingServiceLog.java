package ru.sp500rub.app;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.config.DurationText;
import ru.sp500rub.config.Settings;
import ru.sp500rub.route.Keys;

/**
 * The standing service's own lines at start and stop, for an operator: it is up whatever the site and
 * the CBR are doing (they say so in their own lines), and when its runs happen.
 */
final class StandingServiceLog extends MainListenerSupport {

    private static final Logger RUN_LOG = LoggerFactory.getLogger(Keys.RUN_LOG);
    private final Settings settings;

    StandingServiceLog(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        if (settings.schedule().triggersEnabled()) {
            RUN_LOG.info("Service started: a run every {} (the first in {}) and for every file dropped into {}",
                    DurationText.format(settings.schedule().period()), DurationText.format(settings.schedule().initialDelay()),
                    settings.folders().inboxDir().toAbsolutePath());
        } else {
            RUN_LOG.info("Service started, with its triggers off (triggers.enabled=false)");
        }
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        RUN_LOG.info("Service stopping");
    }
}
