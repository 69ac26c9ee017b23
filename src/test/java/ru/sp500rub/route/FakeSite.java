package ru.sp500rub.route;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import ru.sp500rub.fetch.DeterministicFetchException;
import ru.sp500rub.fetch.PageFailedException;
import ru.sp500rub.fetch.RetryableFetchException;
import ru.sp500rub.replay.CompanyFacts;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.Site;

/**
 * Stands in for the HTTP request step of {@code http-get} (the fetch layer) in route tests: answers each
 * URL from a demo site rendered in memory, or with what the fetch layer says of a page it gave up on (a
 * test sets it for a path), and counts every request. What the fetch layer does before it gives up
 * (retries, hedges, waits) is the fetch package's own tests' business.
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

    /** A page the fetch layer gave up on after its retries, as it reports it. */
    static Function<String, Exception> lost(String reason, String kind) {
        return url -> new PageFailedException(URI.create(url), reason, false,
                new RetryableFetchException(URI.create(url), RetryableFetchException.Kind.SERVER_ERROR, kind, null));
    }

    /** A page the site answered with a final status (404 and other 4xx), not retried. */
    static Function<String, Exception> status(int code, String text) {
        String reason = "HTTP " + code + " " + text;
        return url -> new PageFailedException(URI.create(url), reason, true,
                new DeterministicFetchException(URI.create(url), code, reason, null));
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
