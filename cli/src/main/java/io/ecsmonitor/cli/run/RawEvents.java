package io.ecsmonitor.cli.run;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes log events to {@code ecs-monitor.logs.raw} as ingest would: keyed by stream, stamped with the event time. */
public final class RawEvents {

    private RawEvents() {
    }

    /**
     * Produces {@code events} in order with the Kafka client settings {@code clients} and waits until all are written.
     *
     * @return how many were sent
     */
    public static long send(Map<String, Object> clients, List<LogEvent> events) {
        Map<String, Object> p = new HashMap<>(clients);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, LogEvent> producer = new KafkaProducer<>(p, Topics.LOGS_RAW.keySerde().serializer(),
                Topics.LOGS_RAW.valueSerde().serializer())) {
            for (LogEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), null, e.timestamp() > 0 ? e.timestamp() : null,
                        e.streamKey(), e));
            }
            producer.flush();
        }
        return events.size();
    }
}
