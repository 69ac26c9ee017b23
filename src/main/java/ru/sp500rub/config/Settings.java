package ru.sp500rub.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every setting of the service, typed and checked once at start, before any request: the routes and
 * beans are built from this object and read nothing else. A value that cannot work, or a key the
 * service does not know in one of its own namespaces (a typo), stops the start with
 * {@link InvalidSettingException}.
 */
public record Settings(SiteSettings site, FolderSettings folders, ScheduleSettings schedule, ScrapeSettings scrape,
                       RateSettings rate, HttpSettings http, OpsSettings ops, HistorySettings history,
                       ClusterSettings cluster, BrokerSettings broker) {

    /** Keys an older version read, accepted and ignored, with why: a file that still sets one keeps working. */
    static final Map<String, String> RETIRED = Map.of(
            "http.retry-after-cap", "a site's Retry-After is honoured as it says, within scrape.run-timeout");

    /** Keys outside the service's namespaces (camel.*, logback.*, java.*) are not ours to judge. */
    private static final String CAMEL_PREFIX = "camel.";

    public static Settings read(SettingsSources sources) {
        SettingsReader reader = new SettingsReader(sources);
        ScheduleSettings schedule = ScheduleSettings.read(reader);
        FolderSettings folders = FolderSettings.read(reader);
        ClusterSettings cluster = ClusterSettings.read(reader, folders);
        Settings settings = new Settings(
                SiteSettings.read(reader),
                folders,
                schedule,
                ScrapeSettings.read(reader),
                RateSettings.read(reader),
                HttpSettings.read(reader),
                OpsSettings.read(reader, schedule),
                HistorySettings.read(reader),
                cluster,
                BrokerSettings.read(reader, folders, cluster.distributed()));
        refuseUnknownKeys(sources, reader.keysWithDefaults().keySet());
        return settings;
    }

    /** Every key the service reads, with its default as written in application.properties. */
    public static Map<String, String> keysWithDefaults() {
        SettingsReader reader = new SettingsReader(SettingsSources.of(Map.of(), Map.of(), name -> null, Map.of(), Map.of(), Map.of()));
        SiteSettings.read(reader);
        FolderSettings folders = FolderSettings.read(reader);
        ScheduleSettings schedule = ScheduleSettings.read(reader);
        ScrapeSettings.read(reader);
        RateSettings.read(reader);
        HttpSettings.read(reader);
        OpsSettings.read(reader, schedule);
        HistorySettings.read(reader);
        ClusterSettings.read(reader, folders);
        BrokerSettings.read(reader, folders, false);
        return reader.keysWithDefaults();
    }

    /**
     * Makes the folders the service will write before anything starts (see {@link FolderSettings#prepare}):
     * the reports, the inbox when it is read, the shared cluster folder, the embedded broker's journal.
     */
    public void prepare(boolean inboxUsed) {
        folders.prepare(inboxUsed);
        cluster.prepare();
        broker.prepare();
    }

    private static void refuseUnknownKeys(SettingsSources sources, Set<String> known) {
        Set<String> namespaces = known.stream().map(Settings::namespace).collect(Collectors.toSet());
        sources.explicitSettings().stream()
                .filter(s -> !s.key().startsWith(CAMEL_PREFIX) && namespaces.contains(namespace(s.key())))
                .filter(s -> !known.contains(s.key()) && !RETIRED.containsKey(s.key()))
                .min(Comparator.comparing(Setting::key))
                .ifPresent(unknown -> {
                    List<String> sameNamespace = new TreeSet<>(known).stream()
                            .filter(k -> namespace(k).equals(namespace(unknown.key()))).toList();
                    throw new InvalidSettingException("sp500-rub: unknown setting \"" + SettingsReader.shown(unknown.key())
                            + "\" (" + unknown.source() + "); the " + namespace(unknown.key()) + ".* settings are: "
                            + String.join(", ", sameNamespace));
                });
    }

    /**
     * Pages are held whole while they are fetched, hedged and wait to be parsed: up to three per
     * fetcher. When that many pages of the largest allowed size would not fit in the JVM's heap, the start
     * stops, rather than a run running out of memory with huge pages (measured: with the defaults, 20 MB
     * pages for every company under -Xmx256m peaked at 154 MB).
     */
    public void refuseIfPagesCannotFit(long maxHeapBytes) {
        long held = (long) http.maxPageBytes() * scrape.concurrency() * 3;
        if (held > maxHeapBytes) {
            throw new InvalidSettingException("sp500-rub: http.max-page-size (" + http.maxPageBytes() / 1024 + " KB) x"
                    + " scrape.concurrency (" + scrape.concurrency() + ") x 3 (pages fetched, hedged and waiting to be parsed) is "
                    + held / (1024 * 1024) + " MB, more than the JVM's heap (" + maxHeapBytes / (1024 * 1024)
                    + " MB): lower one of them, or give the JVM more (-Xmx)");
        }
    }

    /** One line for each retired key an operator still sets (the service logs them at start). */
    public static List<String> retiredKeysIn(SettingsSources sources) {
        return sources.explicitSettings().stream().filter(s -> RETIRED.containsKey(s.key()))
                .map(s -> s.key() + " (" + s.source() + ") is no longer used: " + RETIRED.get(s.key())).toList();
    }

    private static String namespace(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
