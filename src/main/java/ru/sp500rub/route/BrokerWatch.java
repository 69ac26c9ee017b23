package ru.sp500rub.route;

import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.log.LogText;
import ru.sp500rub.log.OncePerChange;

/**
 * Says once that the broker is out of reach, and once that it answers again: the JMS listeners (one per
 * consumer) each fail and retry every second while it is away, which is not news 32 times a second. It
 * is the jms component's exception listener; the broker steps say when a message came through again.
 */
public final class BrokerWatch implements ExceptionListener {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.CLUSTER_LOG);
    private final OncePerChange lost = new OncePerChange();
    private final String broker;

    public BrokerWatch(String broker) {
        this.broker = broker;
    }

    @Override
    public void onException(JMSException exception) {
        if (lost.report("lost")) {
            String cause = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
            LOG.warn("Lost the broker at {}: {}; every listener tries again each second", broker, LogText.escape(cause, 300));
        }
    }

    /** A message came through. */
    public void answering() {
        if (lost.clear()) {
            LOG.info("The broker at {} answers again", broker);
        }
    }
}
