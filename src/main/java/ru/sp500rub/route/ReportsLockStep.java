package ru.sp500rub.route;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.store.ReportsLock;

/**
 * Bean {@code reportsLock}: one writer per reports folder, across processes. A run holds the folder's
 * lock from before its first request until it has ended; a run that finds it held by another process
 * does not start, and says who holds it.
 */
public final class ReportsLockStep {

    private static final Logger RUN_LOG = LoggerFactory.getLogger(Keys.RUN_LOG);
    private final ReportsLock lock;

    public ReportsLockStep(ReportsLock lock) {
        this.lock = lock;
    }

    public void acquire(Exchange exchange) throws IOException {
        ReportsLock.Attempt attempt = lock.tryAcquire();
        if (attempt instanceof ReportsLock.Busy busy) {
            throw new ReportsBusyException(busy.reason());
        }
        ReportsLock.Hold hold = ((ReportsLock.Held) attempt).hold();
        hold.previous().ifPresent(previous -> RUN_LOG.warn("Took over the reports lock left by pid {} since {} (no longer running)",
                previous.pid(), previous.sinceText()));
        exchange.setProperty(Keys.REPORTS_HOLD, hold);
    }

    public void release(Exchange exchange) throws IOException {
        ReportsLock.Hold hold = exchange.getProperty(Keys.REPORTS_HOLD, ReportsLock.Hold.class);
        if (hold != null) {
            exchange.removeProperty(Keys.REPORTS_HOLD);
            hold.close();
        }
    }
}
