package ru.sp500rub.route;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.log.Causes;
import ru.sp500rub.log.OncePerChange;

/**
 * Bean {@code inboxWatch}: what goes wrong with the inbox itself (a folder that cannot be listed, a
 * file that cannot be moved aside) is said once, and again only when it changes or is over, instead of
 * a warning every poll.
 */
public final class InboxWatch implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.RUN_LOG);
    private final OncePerChange trouble = new OncePerChange();

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (trouble.clear()) {
            LOG.info("The inbox is usable again");
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        warn("The inbox cannot be read", cause);
        return false; // the next poll tries again; no extra attempts
    }

    @Override
    public void handleException(Throwable error) {
        warn("An inbox file could not be handled", error);
    }

    @Override
    public void handleException(String message, Throwable error) {
        warn("An inbox file could not be handled", error);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable error) {
        warn("An inbox file could not be handled", error);
    }

    private void warn(String what, Throwable error) {
        String reason = Causes.inContext(error);
        if (trouble.report(reason)) {
            LOG.warn("{}: {} (said once until it changes)", what, reason);
        }
    }
}
