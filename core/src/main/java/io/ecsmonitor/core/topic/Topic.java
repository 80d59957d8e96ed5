package io.ecsmonitor.core.topic;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of ecs-monitor, declared once: its name, the serdes of its key and value, and the
 * defaults it is created with. Immutable; the constants live in {@link Topics}.
 *
 * @param name              the topic name
 * @param keySerde          serde of the record key
 * @param valueSerde        serde of the record value
 * @param compacted         true when the topic is a table (latest value per key), so it is compacted
 * @param defaultPartitions partitions when created by ecs-monitor and not configured otherwise
 * @param defaultRetentionMs retention when created by ecs-monitor; -1 keeps forever
 * @param doc               what the topic carries, for the README and the resolved-config log
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted,
                          int defaultPartitions, long defaultRetentionMs, String doc) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be at least 1 for topic " + name);
        }
    }

    /** The topic's creation request with its defaults. */
    public NewTopic newTopic(short replicationFactor) {
        return newTopic(defaultPartitions, replicationFactor, Optional.empty());
    }

    /** The topic's creation request with the given partitions and, when present, retention. */
    public NewTopic newTopic(int partitions, short replicationFactor, Optional<Long> retentionMs) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (!compacted) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs.orElse(defaultRetentionMs)));
        }
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    @Override
    public String toString() {
        return name;
    }
}
