package io.ecsmonitor.ingest.kinesis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * Counters of one Kinesis task: events emitted, control messages dropped, dead letters, throttled calls,
 * and MillisBehindLatest per shard. Registered as Connect plugin metrics (KIP-877) when the worker offers
 * them: {@code events-total}, {@code control-messages-total}, {@code dead-letters-total},
 * {@code throttled-calls-total}, {@code millis-behind-latest} (tag {@code shard}).
 */
public final class KinesisTaskMetrics {

    private final List<MetricName> registered = new ArrayList<>();
    private PluginMetrics pluginMetrics;

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong controlMessages = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, Long> millisBehind = new ConcurrentHashMap<>();

    void event() {
        events.incrementAndGet();
    }

    void controlMessage() {
        controlMessages.incrementAndGet();
    }

    void deadLetter() {
        deadLetters.incrementAndGet();
    }

    void throttledCall() {
        throttled.incrementAndGet();
    }

    void millisBehind(String shard, long ms) {
        if (millisBehind.put(shard, ms) == null && pluginMetrics != null) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("shard", shard);
            add("millis-behind-latest", "MillisBehindLatest of the shard's last GetRecords answer", tags,
                    () -> millisBehind.getOrDefault(shard, -1L));
        }
    }

    /** Registers the counters with {@code metrics}; null leaves them unregistered. */
    void register(PluginMetrics metrics) {
        this.pluginMetrics = metrics;
        if (metrics == null) {
            return;
        }
        add("events-total", "log events emitted", new LinkedHashMap<>(), events::get);
        add("control-messages-total", "CONTROL_MESSAGE envelopes dropped", new LinkedHashMap<>(), controlMessages::get);
        add("dead-letters-total", "Kinesis records sent to the dead-letter topic", new LinkedHashMap<>(), deadLetters::get);
        add("throttled-calls-total", "GetRecords calls answered with ProvisionedThroughputExceededException",
                new LinkedHashMap<>(), throttled::get);
    }

    private void add(String name, String doc, LinkedHashMap<String, String> tags, Supplier<Long> value) {
        MetricName metric = pluginMetrics.metricName(name, doc, tags);
        pluginMetrics.addMetric(metric, (Gauge<Long>) (config, now) -> value.get());
        registered.add(metric);
    }

    /** Removes what {@link #register} added. */
    void unregister() {
        if (pluginMetrics != null) {
            registered.forEach(pluginMetrics::removeMetric);
            registered.clear();
        }
    }

    /** Log events emitted. */
    public long events() {
        return events.get();
    }

    /** CONTROL_MESSAGE envelopes dropped. */
    public long controlMessages() {
        return controlMessages.get();
    }

    /** Records sent to the dead-letter topic. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** GetRecords calls answered with ProvisionedThroughputExceededException. */
    public long throttled() {
        return throttled.get();
    }

    /** The last MillisBehindLatest per shard. */
    public Map<String, Long> millisBehind() {
        return Map.copyOf(millisBehind);
    }

    @Override
    public String toString() {
        return "events=" + events + " controlMessages=" + controlMessages + " deadLetters=" + deadLetters
                + " throttled=" + throttled;
    }
}
