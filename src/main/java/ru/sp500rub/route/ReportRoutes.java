package ru.sp500rub.route;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.LoggerFactory;
import ru.sp500rub.report.RejectedPageName;
import ru.sp500rub.report.Report;
import ru.sp500rub.report.ReportJson;
import ru.sp500rub.report.ReportSet;
import ru.sp500rub.report.RunSummaryJson;
import ru.sp500rub.run.RunOutcome;
import ru.sp500rub.run.RunSummary;
import ru.sp500rub.run.ScrapeRun;

/**
 * Four file sinks, one per report, then the run summary, published as a set: each file is written under
 * a staged name beside the published ones, and only when all five are written are they renamed into
 * place (see {@link ReportSet}). A reader never sees half a file, and a failure while writing leaves
 * the last published set whole.
 */
public final class ReportRoutes extends RouteBuilder {

    static final String SUMMARY_FILE = "run-summary.json";
    static final String FAILED_RUN_FILE = "last-failed-run.json";
    private static final String FAILURE = "sp500.failure";
    private static final String FILE_SINK = "file:{{reports.dir}}?tempPrefix=.writing-&fileExist=Override";
    /** Staged files are not published as they are written, so they need no temporary name of their own. */
    private static final String STAGING_SINK = "file:{{reports.dir}}?fileExist=Override";

    @Override
    public void configure() {
        Path reportsDir = Path.of(getContext().resolvePropertyPlaceholders("{{reports.dir}}"));
        List<String> publishedFiles = Stream.concat(Arrays.stream(Report.values()).map(Report::fileName), Stream.of(SUMMARY_FILE))
                .toList();

        from("direct:publish-reports").routeId("publish-reports")
                .routeConfigurationId(ErrorHandling.RUN)
                // Each on its own copy, staged; published together only when every file is written.
                .multicast(AggregationStrategies.useOriginal()).stopOnException()
                    .to(sinkUris())
                .end()
                .process(exchange -> ReportSet.publish(reportsDir, publishedFiles)).id("publish-set")
                .process(exchange -> logRunFinished(exchange, reportsDir)).id("log-run-finished");

        for (Report report : Report.values()) {
            from(sinkUri(report)).routeId("sink-" + report.slug())
                    .routeConfigurationId(ErrorHandling.RUN)
                    .setHeader(Exchange.FILE_NAME, constant(ReportSet.stagedName(report.fileName())))
                    .transform().body(RunOutcome.class, outcome -> ReportJson.toJson(report, outcome.reports().get(report)))
                    .to(STAGING_SINK).id("write-" + report.slug());
        }

        from("direct:sink-run-summary").routeId("sink-run-summary")
                .routeConfigurationId(ErrorHandling.RUN)
                .setHeader(Exchange.FILE_NAME, constant(ReportSet.stagedName(SUMMARY_FILE)))
                .transform().body(RunOutcome.class, outcome -> RunSummaryJson.toJson(outcome.summary(), Optional.empty()))
                .to(STAGING_SINK).id("write-summary");

        // A failed run leaves the published set alone and says why beside it, and beside its inbox file.
        from("direct:record-failed-run").routeId("record-failed-run")
                .setProperty(FAILURE).exchange(exchange -> FailureReasons.describeRunFailure(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                .log(LoggingLevel.ERROR, Keys.RUN_LOG, "Run failed: ${exchangeProperty.sp500.failure}; previous reports left untouched")
                .filter(exchangeProperty(Keys.RUN).isNotNull())
                    .setHeader(Exchange.FILE_NAME, constant(FAILED_RUN_FILE))
                    .transform().exchange(exchange -> RunSummaryJson.toJson(
                            exchange.getProperty(Keys.RUN, ScrapeRun.class).summary(),
                            Optional.of(exchange.getProperty(FAILURE, String.class))))
                    .to(FILE_SINK).id("write-failed-run")
                .end()
                .filter(exchangeProperty(Keys.INBOX_FILE).isNotNull())
                    .setHeader(Exchange.FILE_NAME, simple("${exchangeProperty.sp500.inboxFile}.reason"))
                    .setBody(simple("${exchangeProperty.sp500.failure}\n"))
                    .to("file:{{inbox.dir}}/.failed?tempPrefix=.writing-&fileExist=Override").id("write-inbox-reason")
                    .log(LoggingLevel.WARN, Keys.RUN_LOG, "Inbox file ${exchangeProperty.sp500.inboxFile} moved to {{inbox.dir}}/.failed with its reason")
                .end();

        from("direct:save-rejected-page").routeId("save-rejected-page")
                .setHeader(Exchange.FILE_NAME).exchange(exchange -> RejectedPageName.of(exchange.getProperty(Keys.PAGE_URL, String.class)))
                .to("file:{{reports.dir}}/rejects?tempPrefix=.writing-&fileExist=Override").id("write-rejected-page")
                .log(LoggingLevel.WARN, Keys.RUN_LOG, "Page in an unknown layout saved as {{reports.dir}}/rejects/${header.CamelFileName}");
    }

    private static void logRunFinished(Exchange exchange, Path reportsDir) {
        RunSummary summary = exchange.getMessage().getBody(RunOutcome.class).summary();
        LoggerFactory.getLogger(Keys.RUN_LOG).info("Run finished in {} s: {}/{} companies delivered, {} failed; reports in {}",
                summary.duration().toMillis() / 1000.0, summary.companiesDelivered(), summary.companiesListed(),
                summary.failures().size(), reportsDir.toAbsolutePath());
    }

    private static String[] sinkUris() {
        return Stream.concat(Arrays.stream(Report.values()).map(ReportRoutes::sinkUri), Stream.of("direct:sink-run-summary"))
                .toArray(String[]::new);
    }

    private static String sinkUri(Report report) {
        return "direct:sink-" + report.slug();
    }
}
