package ru.sp500rub.cluster;

import java.time.Duration;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.sp500rub.config.BrokerSettings;

/**
 * An ActiveMQ Artemis broker inside this JVM, for a one-box cluster and for the tests.
 *
 * <ul>
 *   <li>One acceptor, core protocol only, on {@code broker.host:broker.port} (loopback by default).</li>
 *   <li>Persistent: journal, bindings and paging under {@code broker.data-dir} (NIO journal: no native
 *       library), so queued tasks survive a broker restart. The journal is written without waiting for
 *       the disk: what was sent survives the broker's stop and a restart of its process, but the last
 *       few milliseconds may not survive a crash of its process or of the machine. That costs little:
 *       the broker lives in an instance's process, and a run whose leader dies is lost with it anyway;
 *       a run whose broker died with another instance fails at its deadline, naming what did not
 *       answer. An external broker's durability is its operator's choice.</li>
 *   <li>The queues are declared: the task queue with its dead-letter queue after
 *       {@code broker.max-delivery-attempts} deliveries, {@code broker.redelivery-delay} apart (doubling, at
 *       most 30 s); the rejected-message queue. Results queues are created when an instance first listens.</li>
 *   <li>Bounded: {@value #MAX_MEMORY_MIB} MiB of messages in memory over all addresses, then paging, at most
 *       {@value #MAX_PAGED_MIB} MiB per address on disk, then sends fail (the sender sees the error); the
 *       queues at the end of the line (dead tasks, refused messages, expired ones) keep their newest
 *       messages up to a count and drop the rest.</li>
 *   <li>Security: with {@code broker.password} set, one account ({@code broker.user}) that may send, consume
 *       and create queues on {@code sp500.#} and nothing else (no management). Without a password there is no
 *       login, which {@link BrokerSettings} only allows on a loopback address: anyone on this machine may then
 *       connect, so set a password where the machine is shared. No JMX, no clustering, no discovery.</li>
 * </ul>
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String ROLE = "sp500-rub";
    static final int MAX_MEMORY_MIB = 32;
    static final int MAX_PAGED_MIB = 256;
    private static final long MAX_MEMORY = (long) MAX_MEMORY_MIB << 20;
    private static final long MAX_PAGED = (long) MAX_PAGED_MIB << 20;
    /** Dead tasks and refused messages kept, the newest ones. */
    static final int KEPT_MESSAGES = 10_000;

    private final BrokerSettings settings;
    private EmbeddedActiveMQ broker;
    private Duration startTime = Duration.ZERO;

    public EmbeddedBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Started before the routes' consumers and stopped after them (see app.BrokerConfiguration). */
    public synchronized void start() {
        if (broker != null) {
            return;
        }
        try {
            startBroker();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not start on " + settings.connectUrl() + ": "
                    + ru.sp500rub.log.Causes.innermost(e), e);
        }
    }

    private void startBroker() throws Exception {
        long started = System.nanoTime();
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration());
        if (!settings.password().isEmpty()) {
            SecurityConfiguration accounts = new SecurityConfiguration();
            accounts.addUser(settings.user(), settings.password());
            accounts.addRole(settings.user(), ROLE);
            server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), accounts));
        }
        server.start();
        broker = server;
        startTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Broker started on {} in {} ms (data in {})", settings.connectUrl(), startTime.toMillis(),
                settings.dataDir().toAbsolutePath());
    }

    public synchronized void stop() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                throw new IllegalStateException("the embedded broker did not stop cleanly: " + e.getMessage(), e);
            }
            broker = null;
            LOG.info("Broker stopped on {}", settings.connectUrl());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isStarted() {
        return broker != null && broker.getActiveMQServer().isActive();
    }

    /** How long the last start took. */
    public Duration startTime() {
        return startTime;
    }

    /** Messages waiting on a queue (delivered but unacknowledged ones included); -1 when there is no such queue. */
    public synchronized long messageCount(String queue) {
        var binding = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return binding == null ? -1 : binding.getMessageCount();
    }

    /** Consumers on a queue now (every instance's listeners); -1 when there is no such queue. */
    public synchronized int consumerCount(String queue) {
        var binding = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return binding == null ? -1 : binding.getConsumerCount();
    }

    private Configuration configuration() throws Exception {
        String dir = settings.dataDir().toAbsolutePath().toString();
        Configuration config = new ConfigurationImpl()
                .setName("sp500-rub")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setPagingDirectory(dir + "/paging")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setNodeManagerLockDirectory(dir)
                .setJournalFileSize(1 << 20)
                .setJournalMinFiles(2)
                .setJournalPoolFiles(4)
                .setJMXManagementEnabled(false)
                .setSecurityEnabled(!settings.password().isEmpty())
                .setGlobalMaxSize(MAX_MEMORY)
                .setMaxDiskUsage(95)
                .setGracefulShutdownEnabled(false)
                .setMessageExpiryScanPeriod(1000)
                // a send or commit does not wait for the disk (bench/instances: at 2-3 instances on two busy
                // cores, waiting made runs 25-35 % slower); see the class comment for what that gives up
                .setJournalSyncTransactional(false)
                .setJournalSyncNonTransactional(false);
        config.addAcceptorConfiguration("core", "tcp://" + settings.hostForUri() + ":" + settings.port()
                + "?protocols=CORE;connectionsAllowed=200;tcpNoDelay=true");
        config.putSecurityRoles("sp500.#", Set.of(new Role(ROLE, true, true, true, false, true, true, false, true, true, false)));

        config.addAddressSetting("#", bounded(new AddressSettings()
                .setAutoCreateQueues(true).setAutoCreateAddresses(true).setAutoDeleteQueues(true)
                .setAutoDeleteAddresses(true).setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setExpiryAddress(SimpleString.of(ClusterNames.EXPIRED))
                .setDeadLetterAddress(SimpleString.of(ClusterNames.EXPIRED))));
        // the end of the line: dead tasks and refused messages are kept for an operator, the newest ones
        for (String terminal : new String[] {ClusterNames.DEAD_TASKS, ClusterNames.REJECTED}) {
            config.addAddressSetting(terminal, new AddressSettings().setMaxDeliveryAttempts(-1)
                    .setDeadLetterAddress(SimpleString.of(ClusterNames.EXPIRED))
                    .setMaxSizeMessages(KEPT_MESSAGES).setMaxSizeBytes(16L << 20)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.DROP));
        }
        config.addAddressSetting(ClusterNames.EXPIRED, new AddressSettings().setMaxDeliveryAttempts(-1)
                .setExpiryAddress(SimpleString.of(ClusterNames.EXPIRED))
                .setDeadLetterAddress(SimpleString.of(ClusterNames.EXPIRED))
                .setMaxSizeMessages(1000).setMaxSizeBytes(1 << 20)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.DROP));
        config.addAddressSetting(ClusterNames.TASKS, bounded(new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(ClusterNames.DEAD_TASKS))
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(settings.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(Math.max(settings.redeliveryDelay().toMillis(), 30_000))
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)));
        config.addAddressSetting(ClusterNames.RESULTS_PREFIX + "#", bounded(new AddressSettings()
                .setAutoCreateQueues(true).setAutoCreateAddresses(true)
                .setAutoDeleteQueues(true).setAutoDeleteAddresses(true)
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setDeadLetterAddress(SimpleString.of(ClusterNames.REJECTED))
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)));
        for (String queue : new String[] {ClusterNames.TASKS, ClusterNames.DEAD_TASKS, ClusterNames.REJECTED,
                ClusterNames.EXPIRED}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        return config;
    }

    private static AddressSettings bounded(AddressSettings address) {
        return address.setMaxSizeBytes(16L << 20)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setPageLimitBytes(MAX_PAGED)
                .setPageFullMessagePolicy(PageFullMessagePolicy.FAIL);
    }
}
