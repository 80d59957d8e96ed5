package io.ecsmonitor.ingest.testing;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Helpers for ITs on an {@link EmbeddedConnectCluster}. */
public final class ConnectClusters {

    private ConnectClusters() {
    }

    /** Worker settings that make tests quick: short offset flushes and rebalance delays. */
    public static Map<String, String> fastWorkerProps() {
        Map<String, String> p = new HashMap<>();
        p.put("offset.flush.interval.ms", "500");
        p.put("scheduled.rebalance.max.delay.ms", "2000");
        p.put("plugin.discovery", "service_load");
        return p;
    }

    /** A reader of a topic from its beginning, read_committed, that accumulates everything it sees. */
    public static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

        public TopicReader(EmbeddedConnectCluster connect, String topic) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + System.nanoTime());
            consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic);
        }

        /** Everything read so far, after one more poll. */
        public List<ConsumerRecord<byte[], byte[]>> poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return List.copyOf(records);
        }

        /** The log events read so far, after one more poll. */
        public List<LogEvent> events() {
            return poll().stream().map(r -> Topics.LOGS_RAW.valueSerde().deserializer().deserialize("t", r.value())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
