package ru.sp500rub.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;

/**
 * The service's health on Camel's health-check API (camel-health): its two checks registered beside
 * Camel's own (the context, every route and consumer), so that /health, /health/ready, /health/live
 * and the health MBean over JMX all answer from the same checks.
 */
public final class OpsHealth {

    /** Every check with its details, as camel.health.exposure-level=full would show them. */
    static final String FULL = "full";

    private OpsHealth() {
    }

    /**
     * Registers the readiness and liveness checks, and Camel's context check and routes and consumers
     * repositories where camel-main has not already (a plain CamelContext, as in tests).
     */
    public static void install(CamelContext context, ReadinessView view, Duration readyMaxAge, Duration rateMaxAge, Clock clock) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            throw new IllegalStateException("no health-check registry: camel-health is missing from the classpath");
        }
        if (registry.getCheck("context").isEmpty()) {
            registry.register(registry.resolveById("context"));
        }
        for (String repository : new String[] {"routes", "consumers"}) {
            if (registry.getRepository(repository).isEmpty()) {
                registry.register((HealthCheckRepository) registry.resolveById(repository));
            }
        }
        registry.register(new ReportsReadinessCheck(view, readyMaxAge, rateMaxAge, clock));
        registry.register(new ServiceLivenessCheck());
    }

    /** The checks of one kind, their overall state and JSON: what a health endpoint answers. */
    public record Answer(boolean up, byte[] json) {
        public int httpStatus() {
            return up ? 200 : 503;
        }
    }

    public static Answer answer(CamelContext context, HealthCheck.Kind kind) {
        Collection<HealthCheck.Result> results = switch (kind) {
            case READINESS -> HealthCheckHelper.invokeReadiness(context, FULL);
            case LIVENESS -> HealthCheckHelper.invokeLiveness(context, FULL);
            case ALL -> HealthCheckHelper.invoke(context, FULL);
        };
        boolean up = results.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        return new Answer(up, HealthJson.of(up, results));
    }
}
