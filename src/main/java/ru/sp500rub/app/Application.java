package ru.sp500rub.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.replay.DemoSite;
import ru.sp500rub.route.ErrorHandling;
import ru.sp500rub.route.RateRoutes;
import ru.sp500rub.route.ReportRoutes;
import ru.sp500rub.route.ScrapeRecording;
import ru.sp500rub.route.ScrapeRoutes;
import ru.sp500rub.route.ServiceBeans;
import ru.sp500rub.route.TriggerRoutes;
import ru.sp500rub.run.RunOutcome;

/** Starts Camel with the service's routes, as a standing service or for one run. */
public final class Application {

    public static final int EXIT_COMPLETE = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_PARTIAL = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static int run(String... args) throws Exception {
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

    /** @param overrides properties that take precedence over the configuration (tests, demo, replay) */
    public static int run(CommandLine cli, Properties overrides) throws Exception {
        Properties settings = new Properties();
        settings.putAll(overrides);
        if (cli.once()) {
            settings.setProperty("triggers.enabled", "false");
        }
        try (LocalSite site = LocalSite.start(cli);
             Recording recording = Recording.start(cli.recordDir())) {
            site.baseUri().ifPresent(base -> pointAt(base, settings));
            Main main = createMain(settings);
            recording.recorder().ifPresent(recorder -> main.bind(ScrapeRecording.BEAN, recorder));
            if (!cli.once()) {
                main.run();
                return main.getExitCode();
            }
            main.start();
            try {
                return runOnce(main);
            } finally {
                main.stop();
            }
        }
    }

    /** Points the scrape and the rate at a site served on this machine (demo or replay). */
    private static void pointAt(URI base, Properties settings) {
        String root = base.toString().replaceAll("/$", "");
        settings.setProperty("sp500.index-url", root + DemoSite.INDEX_PATH);
        settings.setProperty("cbr.url", root + DemoSite.CBR_PATH);
    }

    static Main createMain(Properties overrides) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(configLocation());
        main.setOverrideProperties(overrides);
        main.configure().addConfiguration(WarmUp.class);
        main.configure().addConfiguration(ServiceBeans.class);
        main.configure().addRoutesBuilder(new ErrorHandling());
        main.configure().addRoutesBuilder(new RateRoutes());
        main.configure().addRoutesBuilder(new ScrapeRoutes());
        main.configure().addRoutesBuilder(new ReportRoutes());
        main.configure().addRoutesBuilder(new TriggerRoutes());
        return main;
    }

    /** application.properties from the working directory when there is one, else the packaged copy. */
    static String configLocation() {
        return Files.isRegularFile(Path.of("application.properties"))
                ? "file:application.properties" : "classpath:application.properties";
    }

    private static int runOnce(Main main) throws Exception {
        Exchange done = main.getCamelTemplate().send("direct:scrape",
                exchange -> exchange.setProperty(ScrapeRoutes.TRIGGER, "--once"));
        if (done.getException() != null) {
            return EXIT_FAILED; // logged and recorded by the scrape route
        }
        RunOutcome outcome = done.getMessage().getBody(RunOutcome.class);
        if (outcome == null) {
            LOG.error("Run did not start");
            return EXIT_FAILED;
        }
        return outcome.summary().complete() ? EXIT_COMPLETE : EXIT_PARTIAL;
    }
}
