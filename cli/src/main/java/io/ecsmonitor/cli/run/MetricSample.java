package io.ecsmonitor.cli.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * One Prometheus sample.
 *
 * @param name   metric name, {@code ecs_monitor_...}
 * @param type   {@code counter} or {@code gauge}
 * @param help   one line of documentation
 * @param labels label names and values
 * @param value  the value
 */
public record MetricSample(String name, String type, String help, Map<String, String> labels, double value) {

    public MetricSample {
        labels = new TreeMap<>(labels);
    }

    /** A counter without labels. */
    public static MetricSample counter(String name, String help, double value) {
        return new MetricSample(name, "counter", help, Map.of(), value);
    }

    /** A gauge without labels. */
    public static MetricSample gauge(String name, String help, double value) {
        return new MetricSample(name, "gauge", help, Map.of(), value);
    }
}
