package ru.sp500rub.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.config.InvalidSettingException;
import ru.sp500rub.config.Settings;
import ru.sp500rub.config.SettingsSources;
import ru.sp500rub.log.Causes;
import ru.sp500rub.log.LogMarkers;
import ru.sp500rub.ops.OpsServer;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.replay.ResponseRecorder;
import ru.sp500rub.report.RunOutcome;
import ru.sp500rub.route.CompanyRoutes;
import ru.sp500rub.route.DistributedRoutes;
import ru.sp500rub.route.Endpoints;
import ru.sp500rub.route.ErrorHandling;
import ru.sp500rub.route.HttpRoutes;
import ru.sp500rub.route.IndexRoutes;
import ru.sp500rub.route.OpsRoutes;
import ru.sp500rub.route.Keys;
import ru.sp500rub.route.PublishRoutes;
import ru.sp500rub.route.RateRoutes;
import ru.sp500rub.route.RunEndRoutes;
import ru.sp500rub.route.RunRoutes;
import ru.sp500rub.route.TriggerRoutes;

/**
 * Runs the service on Camel: as a standing service, or for one run ({@code --once}). The settings are
 * read and checked first, before anything starts: a bad one ends the start with exit code 2 and one
 * line on stderr.
 */
public final class Service {

    public static final int EXIT_COMPLETE = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_PARTIAL = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    private static final String JMX_ENABLED = "camel.main.jmx-enabled";

    private Service() {
    }

    public static int run(String... args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                LOG.error(LogMarkers.UNEXPECTED, "Unexpected failure in thread {}", thread.getName(), error));
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sp500-rub: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            return EXIT_USAGE;
        }
        if (cli.help()) {
            System.out.print(CommandLine.USAGE);
            return EXIT_COMPLETE;
        }
        return run(cli, new Properties());
    }

    /** @param overrides settings that take precedence over every other source (tests) */
    public static int run(CommandLine cli, Properties overrides) {
        Map<String, String> programmatic = modeSettings(cli, asMap(overrides));
        SettingsSources sources;
        Settings settings;
        try {
            sources = SettingsSources.standard(cli.settings(), programmatic);
            settings = Settings.read(sources);
        } catch (InvalidSettingException e) {
            System.err.println(e.getMessage());
            return EXIT_USAGE;
        }
        try {
            refuseRecordingInto(cli, settings);
            settings.refuseIfPagesCannotFit(Runtime.getRuntime().maxMemory());
            settings.prepare(!cli.once() && settings.schedule().triggersEnabled());
        } catch (InvalidSettingException e) {
            System.err.println(e.getMessage());
            return EXIT_USAGE;
        }
        Settings.retiredKeysIn(sources).forEach(notice -> LOG.warn("Setting {}", notice));
        try (LocalSite site = LocalSite.start(cli);
             Recording recording = Recording.start(cli.recordDir())) {
            if (site.baseUri().isPresent()) {
                programmatic.putAll(pointedAt(site.baseUri().get()));
                sources = SettingsSources.standard(cli.settings(), programmatic);
                settings = Settings.read(sources);
            }
            Main main = createMain(settings, sources, recording.recorder(), settings.ops().serverRuns(cli.once()), !cli.once());
            if (!cli.once()) {
                main.addMainListener(new StandingServiceLog(settings));
                main.run();
                return main.getExitCode();
            }
            main.start();
            try {
                return runOnce(main);
            } finally {
                main.stop();
            }
        } catch (Exception e) {
            if (Causes.looksLikeBug(e)) {
                LOG.error(LogMarkers.UNEXPECTED, "The service could not run", e);
            } else {
                LOG.error("The service could not run: {}", Causes.inContext(e));
            }
            return EXIT_FAILED;
        }
    }

    /**
     * A Camel main for these settings, not started (tests start it and send their own triggers). As in
     * --once, the ops server runs only with ops.enabled=true.
     */
    public static Main createMain(Properties overrides) {
        SettingsSources sources = SettingsSources.standard(Map.of(), asMap(overrides));
        Settings settings = Settings.read(sources);
        return createMain(settings, sources, Optional.empty(), settings.ops().serverRuns(true), true);
    }

    /**
     * What the mode implies, under the caller's own overrides: --once has no triggers; --demo and
     * --replay write to a folder of their own unless reports.dir is set explicitly, so a demo never
     * replaces the production reports or their stored rate.
     */
    private static Map<String, String> modeSettings(CommandLine cli, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        if (cli.once()) {
            settings.put("triggers.enabled", "false");
        }
        boolean reportsDirGiven = overrides.containsKey("reports.dir") || cli.settings().containsKey("reports.dir")
                || System.getProperty("reports.dir") != null || System.getenv("REPORTS_DIR") != null;
        if (!reportsDirGiven && (cli.demo() || cli.replayDir().isPresent())) {
            settings.put("reports.dir", cli.demo() ? "demo-reports" : "replay-reports");
        }
        settings.putAll(overrides);
        return settings;
    }

    /**
     * A recording is a folder of its own: inside the reports or the inbox it would be published or
     * trigger runs; into the folder being replayed it would rewrite what is being served.
     */
    private static void refuseRecordingInto(CommandLine cli, Settings settings) {
        if (cli.recordDir().isEmpty()) {
            return;
        }
        Path record = cli.recordDir().get().toAbsolutePath().normalize();
        Map<String, Path> others = new java.util.LinkedHashMap<>();
        others.put("reports.dir", settings.folders().reportsDir());
        others.put("inbox.dir", settings.folders().inboxDir());
        cli.replayDir().ifPresent(replay -> others.put("the --replay folder", replay));
        others.forEach((name, folder) -> {
            Path other = folder.toAbsolutePath().normalize();
            if (record.startsWith(other) || other.startsWith(record)) {
                throw new InvalidSettingException("sp500-rub: --record " + record + " must be a folder apart from " + name
                        + " (" + other + ")");
            }
        });
    }

    /** Points the scrape and the rate at a site served on this machine (demo or replay). */
    private static Map<String, String> pointedAt(URI base) {
        String root = base.toString().replaceAll("/$", "");
        return Map.of("sp500.index-url", root + DemoSite.INDEX_PATH, "cbr.url", root + DemoSite.CBR_PATH);
    }

    /**
     * @param opsServer whether the ops HTTP server runs (see OpsSettings.serverRuns)
     * @param jmx       whether Camel's JMX is on unless set: off for --once, where nothing would look at it
     *                  and it cost a demo run 0.8 s of CPU (4.9 s instead of 5.7 s, median of 7); on in the
     *                  standing service, where the health checks are visible over it
     */
    private static Main createMain(Settings settings, SettingsSources sources, Optional<ResponseRecorder> recorder,
                                   boolean opsServer, boolean jmx) {
        Main main = new Main();
        Properties camel = new Properties();
        if (!jmx) {
            camel.setProperty(JMX_ENABLED, "false");
        }
        sources.merged().forEach((key, value) -> {
            if (key.startsWith("camel.")) {
                camel.setProperty(key, value);
            }
        });
        main.setOverrideProperties(camel);
        main.configure().addConfiguration(new WarmUp(settings.schedule().warmUp()));
        main.configure().addConfiguration(new ServiceConfiguration(settings, recorder));
        main.configure().addConfiguration(new LeaderElection(settings.cluster(), settings.schedule().triggersEnabled()));
        main.configure().addConfiguration(new BrokerConfiguration(settings));
        boolean distributed = settings.cluster().distributed();
        main.configure().addRoutesBuilder(new ErrorHandling());
        main.configure().addRoutesBuilder(new RateRoutes(settings.site(), settings.schedule()));
        main.configure().addRoutesBuilder(new RunRoutes());
        main.configure().addRoutesBuilder(new IndexRoutes());
        main.configure().addRoutesBuilder(new CompanyRoutes(distributed));
        main.configure().addRoutesBuilder(new HttpRoutes());
        main.configure().addRoutesBuilder(new PublishRoutes());
        main.configure().addRoutesBuilder(new RunEndRoutes(distributed));
        main.configure().addRoutesBuilder(new TriggerRoutes(settings.schedule(), settings.folders().inboxDir()));
        if (distributed) {
            main.configure().addRoutesBuilder(new DistributedRoutes(settings.scrape(), settings.cluster().instanceId()));
        }
        if (opsServer) {
            main.configure().addConfiguration(new CamelConfiguration() {
                @Override
                public void configure(CamelContext context) throws Exception {
                    OpsServer.install(context, settings.ops());
                }
            });
            main.configure().addRoutesBuilder(new OpsRoutes());
        }
        return main;
    }

    private static int runOnce(Main main) throws Exception {
        Exchange done = main.getCamelTemplate().send(Endpoints.SCRAPE,
                exchange -> exchange.setProperty(Keys.TRIGGER, "--once"));
        if (done.getException() != null) {
            return EXIT_FAILED; // logged and recorded where the run ended
        }
        RunOutcome outcome = done.getMessage().getBody(RunOutcome.class);
        if (outcome == null) {
            LOG.error("Run did not start");
            return EXIT_FAILED;
        }
        return outcome.summary().complete() ? EXIT_COMPLETE : EXIT_PARTIAL;
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
