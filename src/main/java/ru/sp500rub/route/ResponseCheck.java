package ru.sp500rub.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A 200 with no body is a transient fault (a proxy or server hiccup), retried like a reset. */
final class ResponseCheck implements Processor {

    @Override
    public void process(Exchange exchange) throws EmptyResponseException {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new EmptyResponseException("empty response from " + exchange.getProperty(Keys.PAGE_URL, String.class));
        }
    }
}
