package ru.sp500rub.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How this instance works with others (issue 13).
 *
 * @param distributed         {@code scrape.mode=distributed}: a run's companies go out as tasks on the broker,
 *                            and this instance works on tasks (its own runs' and other instances'); {@code local}
 *                            (the default): a run fetches its companies itself, as a single instance does
 * @param dir                 {@code cluster.dir}: the folder the instances share for leader election; empty = no
 *                            election (this instance runs its own triggers)
 * @param instanceId          {@code cluster.instance-id}: names this instance in its log and in its results queue;
 *                            empty = host name and pid
 * @param heartbeat           {@code cluster.heartbeat}: how often the leader renews its lock and a follower looks
 * @param heartbeatMultiplier {@code cluster.heartbeat-multiplier}: heartbeats a leader may miss before another
 *                            instance takes over
 */
public record ClusterSettings(boolean distributed, Optional<Path> dir, String instanceId, Duration heartbeat,
                              int heartbeatMultiplier) {

    public static final String LOCAL = "local";
    public static final String DISTRIBUTED = "distributed";
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    static ClusterSettings read(SettingsReader r, FolderSettings folders) {
        boolean distributed = r.choice("scrape.mode", LOCAL, Set.of(LOCAL, DISTRIBUTED)).equals(DISTRIBUTED);
        Optional<Path> dir = r.optionalFolder("cluster.dir");
        String id = r.matching("cluster.instance-id", "", INSTANCE_ID, "1 to 40 letters, digits, '.', '_' or '-'"
                + " (empty: host name and pid)");
        Duration heartbeat = r.duration("cluster.heartbeat", "1s", Duration.ofMillis(200), Duration.ofSeconds(10));
        int multiplier = r.wholeNumber("cluster.heartbeat-multiplier", 3, 2, 10);
        if (dir.isPresent() && dir.get().toAbsolutePath().normalize().startsWith(folders.inboxDir().toAbsolutePath().normalize())) {
            throw r.refuse("cluster.dir", "must be a folder outside inbox.dir (its lock files would start runs)");
        }
        return new ClusterSettings(distributed, dir, id.isEmpty() ? defaultInstanceId() : id, heartbeat, multiplier);
    }

    /** Leader election is on: a shared folder is set. */
    public boolean elects() {
        return dir.isPresent();
    }

    /**
     * The longest from a leader's death to another instance leading: the heartbeat must be stale
     * (heartbeat x multiplier), then the follower notices it at its next look and takes the lock.
     */
    public Duration takeoverBound() {
        return heartbeat.multipliedBy(heartbeatMultiplier + 2L);
    }

    /** Makes the shared folder if need be: one that cannot be written stops the start with its key. */
    public void prepare() {
        dir.ifPresent(folder -> FolderSettings.writable("cluster.dir", folder));
    }

    /** "host-pid", cut to the 40 characters an id may have. */
    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        String pid = String.valueOf(ProcessHandle.current().pid());
        String safeHost = host.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._-]+", "");
        String id = (safeHost.isEmpty() ? "host" : safeHost) + "-" + pid;
        return id.length() <= 40 ? id : id.substring(id.length() - 40).replaceAll("^[._-]+", "x");
    }
}
