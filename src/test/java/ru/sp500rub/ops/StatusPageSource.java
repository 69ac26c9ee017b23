package ru.sp500rub.ops;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a browser test finds the status page, and the published reports the page must show: today a
 * bare ops server fed one run ({@link OpsServerWithOneRun}); once the routes are wired, the running
 * service.
 */
interface StatusPageSource extends AutoCloseable {

    /** The page's address on 127.0.0.1. */
    URI page();

    /** The folder holding the four published reports that the page's bars must match. */
    Path reportsDir();
}
