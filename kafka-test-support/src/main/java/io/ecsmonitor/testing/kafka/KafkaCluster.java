package io.ecsmonitor.testing.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A running Kafka cluster shared by the test classes of one JVM, injected by {@link KafkaClusterExtension}.
 *
 * <p>Because the cluster is shared, every test works on topics and groups with names of its own
 * ({@link #uniqueName(String)}). Tests never close the cluster; the extension does when the test run ends.
 */
public final class KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(60);

    private final RunningCluster running;
    private final Set<Integer> stoppedBrokers = ConcurrentHashMap.newKeySet();
    private Admin admin;

    KafkaCluster(RunningCluster running) {
        this.running = running;
    }

    /** {@code prefix-} followed by 8 random hex digits: a topic, group or application id no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The {@code bootstrap.servers} value for clients of this cluster. */
    public String bootstrapServers() {
        return running.bootstrapServers();
    }

    /** The cluster id the brokers report; the same value means the same cluster. */
    public String clusterId() {
        return get(admin().describeCluster().clusterId(), "describe the cluster");
    }

    /** Ids of every broker of the cluster, running or stopped. */
    public List<Integer> brokerIds() {
        return running.brokerIds();
    }

    /** Ids of the brokers the cluster currently reports as alive. */
    public Set<Integer> liveBrokerIds() {
        return get(admin().describeCluster().nodes(), "describe the cluster").stream()
                .map(Node::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Creates a topic and waits until the controller has accepted it. */
    public void createTopic(String name, int partitions, int replicationFactor) {
        createTopic(name, partitions, replicationFactor, Map.of());
    }

    /** Creates a topic with topic-level settings, e.g. {@code min.insync.replicas}. */
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> topicConfig) {
        NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(topicConfig);
        get(admin().createTopics(List.of(topic)).all(), "create topic " + name);
    }

    /** A new Admin client for this cluster; the caller closes it. */
    public Admin newAdminClient() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Producer settings without serializers: bootstrap servers and {@code acks=all}. A new, mutable map. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /**
     * Consumer settings without deserializers that read a topic from its beginning and see only committed
     * transactional records, as a downstream reader of an exactly-once application does. A new, mutable map.
     */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }

    /**
     * Kafka Streams settings for a test application: its id and state directory, a 100 ms commit interval
     * and no record cache, so every update reaches the output topic promptly. A new, mutable object.
     */
    public Properties streamsConfig(String applicationId, Path stateDir) {
        // Plain keys: kafka-streams is not a dependency of this module.
        Properties config = new Properties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put("application.id", applicationId);
        config.put("state.dir", stateDir.toAbsolutePath().toString());
        config.put("commit.interval.ms", "100");
        config.put("statestore.cache.max.bytes", "0");
        return config;
    }

    /**
     * Shuts a broker down cleanly (controlled shutdown) and waits until the cluster no longer reports it.
     * Brokers still stopped when a test class ends are started again, so the next class finds a whole cluster.
     */
    public void stopBroker(int brokerId) {
        long startNanos = System.nanoTime();
        running.stopBroker(brokerId);
        stoppedBrokers.add(brokerId);
        awaitLiveBrokers("broker " + brokerId + " to leave", live -> !live.contains(brokerId));
        LOG.info("Kafka test broker stopped brokerId={} tookMs={}", brokerId, millisSince(startNanos));
    }

    /** Starts a broker stopped by {@link #stopBroker} and waits until the cluster reports it alive again. */
    public void startBroker(int brokerId) {
        if (!stoppedBrokers.contains(brokerId)) {
            throw new IllegalStateException("Broker " + brokerId + " is not stopped; stopped brokers: " + stoppedBrokers);
        }
        long startNanos = System.nanoTime();
        running.startBroker(brokerId);
        stoppedBrokers.remove(brokerId);
        awaitLiveBrokers("broker " + brokerId + " to rejoin", live -> live.contains(brokerId));
        LOG.info("Kafka test broker started brokerId={} tookMs={}", brokerId, millisSince(startNanos));
    }

    @Override
    public String toString() {
        return running.describe() + " at " + bootstrapServers();
    }

    void startStoppedBrokers() {
        for (Integer brokerId : Set.copyOf(stoppedBrokers)) {
            startBroker(brokerId);
        }
    }

    void close() throws Exception {
        try {
            synchronized (this) {
                if (admin != null) {
                    admin.close(Duration.ofSeconds(5));
                }
            }
        } finally {
            running.close();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = newAdminClient();
        }
        return admin;
    }

    private void awaitLiveBrokers(String what, Predicate<Set<Integer>> done) {
        long deadline = System.nanoTime() + BROKER_TIMEOUT.toNanos();
        Set<Integer> live = liveBrokerIds();
        while (!done.test(live)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + BROKER_TIMEOUT + " waiting for " + what
                        + "; live brokers: " + live);
            }
            pause();
            live = liveBrokerIds();
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void pause() {
        try {
            // Admin has no "wait for broker" call; this polls describeCluster at a modest rate.
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the cluster", e);
        }
    }

    private static <T> T get(KafkaFuture<T> future, String action) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + action, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + action + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + ADMIN_TIMEOUT + " trying to " + action, e);
        }
    }
}
