package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Where every run ends, published or failed (the body is its outcome): what it leaves for an operator
 * (its record and log line, its history entry, the board behind readiness and the status page, the
 * metrics), then the run is closed. None of these steps throws: a step that cannot do its part says so
 * in one warning, and the run ends all the same.
 */
public final class RunEndRoutes extends RouteBuilder {

    private final boolean announce;

    /** @param announce scrape.mode=distributed: every instance is told the run is over, without waiting */
    public RunEndRoutes(boolean announce) {
        this.announce = announce;
    }

    public RunEndRoutes() {
        this(false);
    }

    @Override
    public void configure() {
        RouteDefinition ended = from(Endpoints.RUN_ENDED).routeId("run-ended")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .bean(Beans.RUN_RECORDS, "record").id("run-record")
                .bean(Beans.LEARNED_LIMIT, "runEnded").id("run-learned-limit")
                .bean(Beans.RUN_HISTORY, "record").id("run-history")
                .bean(Beans.OPS_BOARD, "runEnded").id("run-board")
                .bean(Beans.OPS_METRICS, "runEnded").id("run-metrics")
                .bean(Beans.RUN_GATE, "runEnded").id("run-gate-outcome")
                .bean(Beans.RUNS, "end").id("run-close");
        if (announce) {
            ended.wireTap(Endpoints.RUN_OVER).id("run-over");
        }
    }
}
