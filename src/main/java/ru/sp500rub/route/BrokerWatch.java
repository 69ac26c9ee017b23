package ru.sp500rub.route;

import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.log.LogText;

/**
 * Says that the broker is out of reach, and that it answers again, once each: the JMS listeners (one per
 * consumer) each fail and retry every second while it is away, and come back one by one, which is not
 * news dozens of times a second. It is the jms component's exception listener; the broker steps say
 * when a message came through again. Nothing is said while the service itself is stopping.
 */
public final class BrokerWatch implements ExceptionListener {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.CLUSTER_LOG);
    /** Listeners that come back one after the other must not make the broker look lost again and again. */
    private static final long QUIET_NANOS = Duration.ofSeconds(30).toNanos();

    private final String broker;
    private final BooleanSupplier stopping;
    private boolean lost;
    private boolean said;
    private long lastLostLine = System.nanoTime() - QUIET_NANOS;

    /** @param stopping true while the service stops (its listeners close: not the broker's doing) */
    public BrokerWatch(String broker, BooleanSupplier stopping) {
        this.broker = broker;
        this.stopping = stopping;
    }

    @Override
    public void onException(JMSException exception) {
        if (stopping.getAsBoolean()) {
            return;
        }
        String cause = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
            long now = System.nanoTime();
            said = now - lastLostLine >= QUIET_NANOS;
            if (!said) {
                return;
            }
            lastLostLine = now;
        }
        LOG.warn("Lost the broker at {}: {}; every listener tries again each second", broker, LogText.escape(cause, 300));
    }

    /** A message came through. */
    public void answering() {
        boolean wasSaid;
        synchronized (this) {
            wasSaid = lost && said;
            lost = false;
        }
        if (wasSaid) {
            LOG.info("The broker at {} answers again", broker);
        }
    }
}
