package ru.sp500rub.app;

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
import ru.sp500rub.cluster.ClusterNames;
import ru.sp500rub.config.ClusterSettings;
import ru.sp500rub.log.LogText;
import ru.sp500rub.route.Beans;
import ru.sp500rub.route.Keys;

/**
 * One leader among the instances that share {@code cluster.dir}: Camel's {@link FileLockClusterService}
 * (an OS lock on a file there, and a heartbeat the leader writes beside it) and a
 * {@link ClusteredRoutePolicy}, bound as {@value Beans#LEADER_ONLY} for the trigger routes. Only the
 * leader runs its timer and inbox; every distributed instance still works on tasks.
 *
 * <p>The OS releases the lock the moment a leader's process dies, but a follower only takes over once the
 * leader's heartbeat is stale: {@code cluster.heartbeat} x {@code cluster.heartbeat-multiplier} (1 s x 3
 * by default, a takeover within about 5 s; Camel's defaults, 10 s x 5, take about 50 s).
 *
 * <p>Without a {@code cluster.dir}, or when the triggers are off ({@code triggers.enabled=false}, as with
 * {@code --once}), there is no election: the same name is bound to a policy that does nothing, so the
 * routes keep their own auto-startup (a clustered policy would start a leader's routes even where they
 * are configured not to start).
 */
public final class LeaderElection implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(Keys.CLUSTER_LOG);

    private final ClusterSettings settings;
    private final boolean triggersEnabled;

    public LeaderElection(ClusterSettings settings, boolean triggersEnabled) {
        this.settings = settings;
        this.triggersEnabled = triggersEnabled;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!settings.elects() || !triggersEnabled) {
            context.getRegistry().bind(Beans.LEADER_ONLY, RoutePolicy.class, new RoutePolicySupport() { });
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
        context.getRegistry().bind(Beans.LEADER_ONLY, RoutePolicy.class,
                ClusteredRoutePolicy.forNamespace(service, ClusterNames.LEADERSHIP));
    }

    private final class LeadershipLog implements CamelClusterEventListener.Leadership {
        @Override
        public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
            boolean leads = leader != null && leader.isLocal();
            LOG.info("Instance {} {} (cluster.dir {})", settings.instanceId(),
                    leads ? "leads: its triggers run" : "follows: its triggers wait for the leader",
                    LogText.escape(settings.dir().orElseThrow().toString(), 300));
        }
    }
}
