package ru.sp500rub.route;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/**
 * Stands in for the HTTP request step of {@code http-get} in route tests: answers each URL from a demo
 * site rendered in memory, or with the fault a test sets for its path, and counts every request.
 */
final class FakeSite implements Processor {

    final List<CompanyFacts> companies;
    private final Map<String, Site.Response> pages;
    private final Map<String, Function<String, Exception>> faults = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    FakeSite(int companyCount) {
        companies = DemoSite.facts().subList(0, companyCount);
        pages = DemoSite.render(companies);
    }

    String companyPath(int i) {
        return companies.get(i).pagePath();
    }

    /** Every request for {@code path} fails with what {@code fault} makes. */
    void fail(String path, Function<String, Exception> fault) {
        faults.put(path, fault);
    }

    void clear(String path) {
        faults.remove(path);
    }

    void answer(String path, String contentType, byte[] body) {
        pages.put(path, new Site.Response(200, contentType, body));
    }

    /** An HTTP failure of the URL asked for, as camel-http reports it. */
    static Function<String, Exception> status(int code, String text) {
        return url -> new HttpOperationFailedException(url, code, text, null, Map.of(), "");
    }

    static Function<String, Exception> reset() {
        return url -> new java.net.SocketException("Connection reset");
    }

    long requestsFor(String path) {
        return requests.stream().filter(path::equals).count();
    }

    int requestCount() {
        return requests.size();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        URI url = URI.create(exchange.getProperty(Keys.PAGE_URL, String.class));
        String path = url.getRawQuery() == null ? url.getPath() : url.getPath() + "?" + url.getRawQuery();
        requests.add(path);
        Function<String, Exception> fault = faults.get(path);
        if (fault != null) {
            throw fault.apply(url.toString());
        }
        Site.Response page = pages.get(path);
        if (page == null && path.startsWith(DemoSite.CBR_PATH)) {
            page = pages.get(DemoSite.CBR_PATH);
        }
        if (page == null) {
            throw status(404, "Not Found").apply(url.toString());
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, page.contentType());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, page.status());
        exchange.getMessage().setBody(page.body());
    }
}
