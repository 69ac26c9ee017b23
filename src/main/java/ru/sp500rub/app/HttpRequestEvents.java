package ru.sp500rub.app;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import ru.sp500rub.ops.FetchListener;

/**
 * Tells the fetch listener (the metrics) about every request a camel-http endpoint makes, from
 * Camel's own events, while the requests go through camel-http: a response by its status (a failure
 * status as camel-http reports it), a request that got none, and each retry of the error handler
 * (every retry the service makes is of an HTTP request). A fetch layer that makes its own requests
 * calls the listener itself, and this is then no longer added.
 */
final class HttpRequestEvents extends EventNotifierSupport {

    private final FetchListener listener;

    HttpRequestEvents(FetchListener listener) {
        this.listener = listener;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        // not the failed events (Camel counts redeliveries among them), nor the sending ones (Camel sends
        // a sent event only after a sending event was taken)
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeRedeliveryEvent
                || event instanceof ExchangeSendingEvent sending && sending.getEndpoint() instanceof HttpEndpoint
                || event instanceof ExchangeSentEvent sent && sent.getEndpoint() instanceof HttpEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeRedeliveryEvent) {
            listener.retry();
        } else if (event instanceof ExchangeSentEvent sent) {
            answered(sent.getExchange());
        } // a sending event: the request is counted once its answer has come
    }

    private void answered(Exchange exchange) {
        Exception failure = exchange.getException();
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (failure instanceof HttpOperationFailedException refused) {
            listener.response(refused.getStatusCode());
        } else if (failure == null && status != null) {
            listener.response(status);
        } else {
            listener.noResponse(); // refused, reset, timed out, cut short
        }
    }
}
