package io.ecsmonitor.cli.run;

import io.ecsmonitor.core.topic.Topics;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** Metrics of the streaming classifier read from its Kafka clients. */
final class ClassifierMetrics {

    private ClassifierMetrics() {
    }

    /** {@code ecs_monitor_events_in_total}: raw events this instance consumed. */
    static List<MetricSample> samples(KafkaStreams streams) {
        double consumed = 0;
        for (var e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if ("records-consumed-total".equals(n.name()) && "consumer-fetch-manager-metrics".equals(n.group())
                    && Topics.LOGS_RAW.name().equals(n.tags().get("topic"))) {
                Metric m = e.getValue();
                if (m.metricValue() instanceof Number v) {
                    consumed += v.doubleValue();
                }
            }
        }
        return List.of(MetricSample.counter("ecs_monitor_events_in_total",
                "Raw log events consumed from " + Topics.LOGS_RAW.name() + " by this instance", consumed));
    }
}
