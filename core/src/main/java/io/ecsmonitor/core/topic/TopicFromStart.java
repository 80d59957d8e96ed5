package io.ecsmonitor.core.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading a whole topic (a table: health reports, silences) with a consumer outside any group: every
 * partition assigned from its start, and the end offsets taken at that moment to know when all of it
 * has been read.
 */
public final class TopicFromStart {

    private TopicFromStart() {
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} from its first offset.
     *
     * @return the end offset of each partition now; empty when the topic does not exist (nothing assigned)
     */
    public static Map<TopicPartition, Long> assign(Consumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer.endOffsets(partitions, timeout);
    }

    /** True once {@code consumer} has read every partition up to the offsets {@link #assign} returned. */
    public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
