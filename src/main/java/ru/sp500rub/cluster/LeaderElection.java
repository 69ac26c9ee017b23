package ru.sp500rub.cluster;

import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader among the instances that share {@code cluster.dir}: Camel's {@link FileLockClusterService}
 * (an OS lock on a file there, plus a heartbeat the leader writes beside it), and a
 * {@link ClusteredRoutePolicy} bound as {@value #TRIGGER_POLICY} for the trigger routes to refer to.
 * Only the leader runs its timer and inbox; every instance still works on tasks.
 *
 * <p>The lock is released by the OS the moment a leader's process dies, but a follower only takes over
 * once the leader's heartbeat is stale: {@code cluster.heartbeat} x {@code cluster.heartbeat-multiplier}
 * (1 s x 3 by default; Camel's defaults, 10 s x 5, take about 50 s).
 *
 * <p>Without a {@code cluster.dir}, or when the triggers are off ({@code triggers.enabled=false}, as with
 * {@code --once}), there is no election: the same name is bound to a policy that does nothing, so the
 * routes keep their own auto-startup (a clustered policy would start a leader's routes even where they
 * are configured not to start).
 */
public final class LeaderElection implements CamelConfiguration {

    public static final String TRIGGER_POLICY = "leaderOnly";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final ClusterSettings settings;
    private final boolean triggersEnabled;
    private volatile ClusteredRoutePolicy policy;

    public LeaderElection(ClusterSettings settings, boolean triggersEnabled) {
        this.settings = settings;
        this.triggersEnabled = triggersEnabled;
    }

    public boolean elects() {
        return settings.dir().isPresent() && triggersEnabled;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!elects()) {
            context.getRegistry().bind(TRIGGER_POLICY, RoutePolicy.class, new RoutePolicySupport() { });
            return;
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setId(settings.instanceId());
        service.setRoot(settings.dir().orElseThrow().toAbsolutePath().toString());
        service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS); // 0 is refused
        service.setAcquireLockInterval(settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(settings.heartbeatMultiplier());
        context.addService(service);
        CamelClusterView view = service.getView(ClusterNames.LEADERSHIP);
        view.addEventListener(new LeadershipLog());
        policy = ClusteredRoutePolicy.forNamespace(service, ClusterNames.LEADERSHIP);
        context.getRegistry().bind(TRIGGER_POLICY, RoutePolicy.class, policy);
    }

    /** Whether this instance leads now; an instance that does not elect leads its own triggers. */
    public boolean isLeader() {
        return policy == null ? triggersEnabled : policy.isLeader();
    }

    private final class LeadershipLog implements CamelClusterEventListener.Leadership {
        @Override
        public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
            boolean leads = leader != null && leader.isLocal();
            LOG.info("Instance {} {} (cluster.dir {})", settings.instanceId(),
                    leads ? "leads: its triggers run" : "follows: its triggers wait", settings.dir().orElseThrow());
        }
    }
}
