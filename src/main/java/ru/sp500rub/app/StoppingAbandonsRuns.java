package ru.sp500rub.app;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.apache.camel.support.EventNotifierSupport;
import ru.sp500rub.run.RunRegistry;

/**
 * When the service stops, a run in progress is given up at once: nothing more is asked for it, its
 * pages that are cut off count for nothing (instead of one "Socket closed" failure each), and it fails
 * with one reason while Camel waits for it to end.
 */
final class StoppingAbandonsRuns extends EventNotifierSupport {

    static final String REASON = "the service is stopping";
    private final RunRegistry runs;

    StoppingAbandonsRuns(RunRegistry runs) {
        this.runs = runs;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        runs.abandonAll(REASON);
    }
}
