package ru.sp500rub.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Leader election and work sharing settings (keys {@code cluster.*}).
 *
 * @param dir                 {@code cluster.dir}: the folder the instances share for the leader lock; empty = no
 *                            clustering (this instance runs its own triggers, as today)
 * @param instanceId          {@code cluster.instance-id}: names this instance in logs and its results queue; 1-40
 *                            letters, digits or ._- ; default host-pid
 * @param heartbeat           {@code cluster.heartbeat}: how often the leader refreshes the lock file and a follower
 *                            looks at it, 200 ms-10 s (default 1 s)
 * @param heartbeatMultiplier {@code cluster.heartbeat-multiplier}: heartbeats a leader may miss before a follower
 *                            takes over, 2-10 (default 3: a takeover about 4-5 s after a leader dies)
 */
public record ClusterSettings(Optional<Path> dir, String instanceId, Duration heartbeat, int heartbeatMultiplier) {

    public ClusterSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (!instanceId.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("sp500-rub: cluster.instance-id must be 1-40 letters, digits or ._-, got \""
                    + LogText.of(instanceId, 60) + "\"");
        }
        if (heartbeat.compareTo(Duration.ofMillis(200)) < 0 || heartbeat.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("sp500-rub: cluster.heartbeat must be 200 ms-10 s, got \"" + heartbeat + "\"");
        }
        if (heartbeatMultiplier < 2 || heartbeatMultiplier > 10) {
            throw new IllegalArgumentException("sp500-rub: cluster.heartbeat-multiplier must be 2-10, got \""
                    + heartbeatMultiplier + "\"");
        }
    }

    public static ClusterSettings on(Path dir, String instanceId) {
        return new ClusterSettings(Optional.of(dir), instanceId, Duration.ofSeconds(1), 3);
    }

    public static ClusterSettings none() {
        return new ClusterSettings(Optional.empty(), defaultInstanceId(), Duration.ofSeconds(1), 3);
    }

    /** The longest a follower waits after the leader's last heartbeat; a takeover adds up to one heartbeat. */
    public Duration takeoverBound() {
        return heartbeat.multipliedBy(heartbeatMultiplier + 2L);
    }

    public static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        String pid = String.valueOf(ProcessHandle.current().pid());
        String id = (host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + pid);
        return id.length() <= 40 ? id : id.substring(id.length() - 40);
    }

    static String jvmName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
