package ru.sp500rub.ops;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Live = the Camel context and every route meant to run are started. Nothing about the site or the CBR
 * enters here: a service whose upstreams are down is alive and waiting, and restarting it would not
 * help. Liveness only (readiness has its own check).
 */
public final class ServiceLivenessCheck extends AbstractHealthCheck {

    public static final String ID = "sp500-service";

    public ServiceLivenessCheck() {
        super("sp500", ID);
    }

    /** Camel 4.22's checks are readiness-only unless they say otherwise; this one is the liveness one. */
    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CamelContext context = getCamelContext();
        ServiceStatus status = context.getStatus();
        builder.detail("context.status", status.name());
        List<String> stopped = context.getRoutes().stream()
                .filter(Route::isAutoStartup)
                .map(Route::getRouteId)
                .filter(id -> {
                    ServiceStatus route = context.getRouteController().getRouteStatus(id);
                    return route == null || !route.isStarted();
                })
                .sorted()
                .toList();
        builder.detail("routes.total", context.getRoutes().size());
        builder.detail("routes.not.started", stopped.size());
        if (!status.isStarted()) {
            builder.down().message("Camel context is " + status.name().toLowerCase(java.util.Locale.ROOT));
        } else if (!stopped.isEmpty()) {
            builder.down().message("routes not started: " + String.join(", ", stopped));
        } else {
            builder.up().message(context.getRoutes().size() + " routes started");
        }
    }
}
