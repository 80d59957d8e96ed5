package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.topic.Topic;
import io.ecsmonitor.core.topic.TopicCreator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the streaming classifier: creates its topics when they are missing, starts and stops one
 * {@link KafkaStreams} instance, and answers interactive queries on the per-service statistics. Start
 * as many instances with the same {@code application.id} as the load needs; each owns some services'
 * windows, and {@link #owner(String)} tells which instance to ask for a service.
 */
public final class ClassifierService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierService.class);
    /** The DLQ copies raw records whole: let it take records as large as the largest accepted raw record. */
    private static final int DLQ_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private final ClassifierStreamsConfig config;
    private final DropCounters counters = new DropCounters();
    private KafkaStreams streams;

    public ClassifierService(ClassifierStreamsConfig config) {
        this.config = config;
    }

    /** Creates the missing topics (when configured to) and starts processing; returns at once. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("the classifier is already started");
        }
        Properties props = config.streamsProperties();
        props.put(DropCounters.CONFIG_KEY, counters);
        if (config.createTopics) {
            createMissingTopics(props);
        }
        streams = new KafkaStreams(ClassifierTopology.build(new StreamsBuilder(), config), props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed, replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        LOG.info("starting classifier application.id={} guarantee={} commit.interval.ms={} cache.max.bytes={}"
                        + " dedup.window.ms={} stats.window.ms={} grace.ms={} store.retention.ms={}",
                config.applicationId, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG), config.dedupWindowMs,
                config.statsWindowMs, config.graceMs, config.storeRetentionMs);
        streams.start();
    }

    /** The Kafka Streams state, or {@code CREATED} before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** The running instance, for metrics and state listeners; empty before {@link #start()}. */
    public synchronized Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** The counts of records dropped or dead-lettered by this instance, by reason. */
    public DropCounters dropCounters() {
        return counters;
    }

    /**
     * Which instance holds {@code service}'s statistics ({@code application.server} of each instance
     * tells where it can be reached); {@link KeyQueryMetadata#NOT_AVAILABLE} during a rebalance.
     */
    public KeyQueryMetadata owner(String service) {
        return running().queryMetadataForKey(ClassifierTopology.STATS_STORE, service, Serdes.String().serializer());
    }

    /**
     * The windows of {@code service} that start within {@code [from, to]}, oldest first, from this
     * instance's store (active or standby); empty when this instance does not hold the service.
     */
    public List<ServiceStats> localStats(String service, Instant from, Instant to) {
        ReadOnlyWindowStore<String, ServiceStats> store = running().store(StoreQueryParameters
                .fromNameAndType(ClassifierTopology.STATS_STORE, QueryableStoreTypes.<String, ServiceStats>windowStore())
                .enableStaleStores());
        ReadOnlyKeyValueStore<String, String> samples = running().store(StoreQueryParameters
                .fromNameAndType(ClassifierTopology.STATS_SAMPLES_STORE, QueryableStoreTypes.<String, String>keyValueStore())
                .enableStaleStores());
        List<ServiceStats> out = new ArrayList<>();
        try (WindowStoreIterator<ServiceStats> it = store.fetch(service, from, to)) {
            while (it.hasNext()) {
                KeyValue<Long, ServiceStats> kv = it.next();
                out.add(StatsProcessor.withSamples(StatsProcessor.top(kv.value, config.topFingerprints), samples::get));
            }
        }
        return out;
    }

    private synchronized KafkaStreams running() {
        if (streams == null) {
            throw new IllegalStateException("the classifier is not started");
        }
        return streams;
    }

    private void createMissingTopics(Properties props) {
        Map<String, Object> adminConfig = new java.util.HashMap<>();
        props.forEach((k, v) -> {
            String key = k.toString();
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, v);
            }
        });
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?, ?> t : ClassifierStreamsConfig.topics()) {
            int partitions = t == io.ecsmonitor.core.topic.Topics.DLQ ? t.defaultPartitions() : config.topicPartitions;
            NewTopic nt = t.newTopic(partitions, config.topicReplicationFactor, Optional.of(config.retentionMs(t)));
            if (t == io.ecsmonitor.core.topic.Topics.DLQ) {
                Map<String, String> c = new java.util.HashMap<>(nt.configs());
                c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DLQ_MAX_MESSAGE_BYTES));
                nt = new NewTopic(nt.name(), nt.numPartitions(), nt.replicationFactor()).configs(c);
            }
            wanted.add(nt);
        }
        try (Admin admin = Admin.create(adminConfig)) {
            TopicCreator.createMissing(admin, wanted, String.valueOf(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)),
                    Duration.ofSeconds(30));
        }
    }

    /** Stops processing, waiting up to {@code timeout}; the instance leaves its group. */
    public synchronized void close(Duration timeout) {
        if (streams != null) {
            streams.close(org.apache.kafka.streams.CloseOptions.timeout(timeout).withGroupMembershipOperation(
                    org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
