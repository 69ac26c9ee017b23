package ru.sp500rub.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * A good run's files - the four reports and the run summary, as the publication lists them - each
 * rendered and staged by one sink loop, then renamed into place together: a reader never sees half a
 * file, and a failure while writing leaves the last published set whole.
 */
public final class PublishRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.PUBLISH).routeId("publish-reports")
                .routeConfigurationId(ErrorHandling.PASSED_ON)
                .split(method(Beans.PUBLICATION, "render")).stopOnException()
                    .bean(Beans.REPORT_SET, "stage").id("stage-file")
                .end()
                .bean(Beans.REPORT_SET, "publish").id("publish-set");
    }
}
