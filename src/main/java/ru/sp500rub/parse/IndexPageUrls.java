package ru.sp500rub.parse;

import java.net.URI;

/** The URL of index page N: the configured index URL with {@code p=N} set in its query. */
public final class IndexPageUrls {

    private IndexPageUrls() {
    }

    public static String page(URI indexUrl, int page) {
        String base = indexUrl.toString();
        String withoutP = base.replaceAll("([?&])p=\\d+(&|$)", "$1").replaceAll("[?&]$", "");
        return withoutP + (withoutP.contains("?") ? "&" : "?") + "p=" + page;
    }
}
