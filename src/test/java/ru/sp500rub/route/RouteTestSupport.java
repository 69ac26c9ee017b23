package ru.sp500rub.route;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.io.TempDir;
import ru.sp500rub.app.BrokerConfiguration;
import ru.sp500rub.app.LeaderElection;
import ru.sp500rub.app.ServiceConfiguration;
import ru.sp500rub.config.Settings;
import ru.sp500rub.config.SettingsSources;

/**
 * The service's own routes and beans in a test context, without HTTP: the request step of
 * {@code http-get} is replaced by a {@link FakeSite}. Each test may advise routes further before it
 * calls {@link #start()}.
 */
abstract class RouteTestSupport extends CamelTestSupport {

    @TempDir
    Path work;
    final FakeSite site = new FakeSite(50);
    Settings settings;

    Path reports() {
        return work.resolve("reports");
    }

    /** Fast retries, no triggers; tests add their own. */
    Map<String, String> settingsOverrides() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("reports.dir", reports().toString());
        overrides.put("inbox.dir", work.resolve("inbox").toString());
        overrides.put("sp500.index-url", "http://fake" + ru.sp500rub.replay.DemoSite.INDEX_PATH);
        overrides.put("cbr.url", "http://fake" + ru.sp500rub.replay.DemoSite.CBR_PATH);
        overrides.put("triggers.enabled", "false");
        overrides.put("startup.warm-up", "false");
        overrides.put("http.retries", "2");
        overrides.put("http.retry-delay", "1ms");
        overrides.put("http.retry-max-delay", "5ms");
        overrides.put("cbr.await-timeout", "5s");
        return overrides;
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        settings = Settings.read(SettingsSources.of(Settings.keysWithDefaults(), Map.of(), name -> null, Map.of(),
                Map.of(), settingsOverrides()));
        new ServiceConfiguration(settings, Optional.empty(), clock()).configure(context);
        new LeaderElection(settings.cluster(), settings.schedule().triggersEnabled()).configure(context);
        new BrokerConfiguration(settings).configure(context);
        return context;
    }

    /** The service's time; tests of what time changes (readiness) move their own. */
    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new ErrorHandling(), new RateRoutes(settings.site(), settings.schedule()),
            new RunRoutes(), new IndexRoutes(), new CompanyRoutes(), new HttpRoutes(), new PublishRoutes(),
            new RunEndRoutes(), new TriggerRoutes(settings.schedule(), settings.folders().inboxDir())};
    }

    /** Replaces the HTTP request with the fake site, then starts the context. */
    void start() throws Exception {
        AdviceWith.adviceWith(context, "http-get", route -> route.weaveById("http-request").replace().process(site));
        context.start();
    }
}
