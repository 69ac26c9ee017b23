package ru.sp500rub.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * A trigger asks for a run; one runs at a time, and a trigger that arrives during a run is coalesced
 * into it and shares its outcome. Across processes, a run holds the reports folder's lock: a trigger
 * that finds it held elsewhere starts nothing. A run reads the index, collects every company, and publishes the reports as one set; every
 * run, published or failed, ends at {@code direct:run-ended}.
 */
public final class RunRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.SCRAPE).routeId("scrape")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .choice()
                    .when(method(Beans.RUN_GATE, "tryEnter"))
                        .doTry()
                            .bean(Beans.REPORTS_LOCK, "acquire").id("reports-lock")
                            .to(Endpoints.SCRAPE_RUN).id("run")
                        .doCatch(ReportsBusyException.class)
                            .to(Endpoints.RUN_REFUSED).id("run-refused-catch") // see ErrorHandling
                        .doFinally()
                            .bean(Beans.REPORTS_LOCK, "release").id("reports-unlock")
                            .bean(Beans.RUN_GATE, "leave").id("run-gate-leave")
                        .end()
                    .endChoice()
                    .otherwise()
                        .log(LoggingLevel.INFO, Keys.RUN_LOG, "A run is already in progress: trigger ("
                                + Keys.simpleProperty(Keys.TRIGGER) + ") coalesced into it").id("run-coalesced")
                        // the trigger's outcome is the joined run's: an inbox file whose run failed goes to .failed
                        .bean(Beans.RUN_GATE, "awaitCurrent").id("run-join")
                        .bean(Beans.RUN_RECORDS, "joined").id("run-joined-outcome")
                        .setBody(constant(null))
                .end();

        from(Endpoints.SCRAPE_RUN).routeId("scrape-run")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .doTry()
                    .bean(Beans.RUNS, "start").id("run-start")
                    .to(Endpoints.INDEX).id("run-index")
                    .bean(Beans.RUNS, "awaitAnswers").id("run-await-answers") // companies done on other instances
                    .bean(Beans.RUNS, "finish").id("run-finish")
                    .bean(Beans.OPS_BOARD, "compare").id("run-compare") // what changed since the last good run
                    .to(Endpoints.PUBLISH).id("run-publish")
                    .to(Endpoints.RUN_ENDED).id("run-end")
                .doCatch(Exception.class)
                    .to(Endpoints.RUN_FAILED).id("run-catch") // the run failure policy: see ErrorHandling
                .end();
    }
}
