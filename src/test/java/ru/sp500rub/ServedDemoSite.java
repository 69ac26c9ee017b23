package ru.sp500rub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.ReplayServer;
import ru.sp500rub.replay.Site;

/**
 * The demo site (496 companies) served on 127.0.0.1 for tests that run the whole service, with what
 * those tests change while it runs: a latency per answer, the whole site down (503), single pages
 * gone (404). Its CBR answer is dated today in Moscow, so that the rate in use is fresh.
 */
public final class ServedDemoSite implements Site, AutoCloseable {

    private static final DateTimeFormatter CBR_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final Site.Response DOWN = new Site.Response(503, "text/plain", "down\n".getBytes(StandardCharsets.US_ASCII));
    private static final Site.Response GONE = new Site.Response(404, "text/plain", "gone\n".getBytes(StandardCharsets.US_ASCII));

    private final Map<String, Site.Response> pages;
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final ReplayServer server;
    private volatile long latencyMillis;
    private volatile boolean down;

    public ServedDemoSite() {
        pages = new HashMap<>(DemoSite.render(DemoSite.facts()));
        String today = LocalDate.now(ZoneId.of("Europe/Moscow")).format(CBR_DATE);
        pages.replaceAll((key, page) -> key.startsWith(DemoSite.CBR_PATH) ? dated(page, today) : page);
        server = ReplayServer.serve(this, Duration.ZERO);
    }

    /** {@code sp500.index-url} and {@code cbr.url} pointing at this site. */
    public Map<String, String> settings() {
        return Map.of("sp500.index-url", server.baseUri() + DemoSite.INDEX_PATH, "cbr.url", server.baseUri() + DemoSite.CBR_PATH);
    }

    public void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /** Every answer a 503 while down. */
    public void down(boolean isDown) {
        down = isDown;
    }

    /** The page of the company with this ticker answers 404 until {@link #restore}. */
    public void remove(String code) {
        gone.add(pagePath(code));
    }

    public void restore(String code) {
        gone.remove(pagePath(code));
    }

    public long requestCount() {
        return server.requestCount();
    }

    @Override
    public Optional<Site.Response> response(String key) {
        long latency = latencyMillis;
        if (latency > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (down) {
            return Optional.of(DOWN);
        }
        if (gone.contains(key)) {
            return Optional.of(GONE);
        }
        return Optional.ofNullable(pages.get(key));
    }

    @Override
    public void close() {
        server.close();
    }

    private static String pagePath(String code) {
        return DemoSite.facts().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no company " + code)).pagePath();
    }

    private static Site.Response dated(Site.Response cbr, String date) {
        String xml = new String(cbr.body(), StandardCharsets.ISO_8859_1);
        String today = xml.replaceFirst("Date=\"[0-9.]+\"", "Date=\"" + date + "\"");
        if (today.equals(xml)) {
            throw new IllegalStateException("the demo's CBR answer has no ValCurs Date");
        }
        return new Site.Response(cbr.status(), cbr.contentType(), today.getBytes(StandardCharsets.ISO_8859_1));
    }
}
