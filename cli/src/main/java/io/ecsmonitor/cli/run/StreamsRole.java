package io.ecsmonitor.cli.run;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.alerts.diagnosis.DiagnosisTopology;
import io.ecsmonitor.classifier.streams.ClassifierService;
import io.ecsmonitor.classifier.streams.ClassifierStreamsConfig;
import io.ecsmonitor.classifier.streams.DeadLetterDeserializationHandler;
import io.ecsmonitor.classifier.streams.DropCounters;
import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code streams} role: the streaming classifier (raw events to classified events, statistics and
 * restarts) and the diagnosis topology (statistics, restarts and health to alerts), two Kafka Streams
 * applications with the ids {@code <application.id>-classifier} and {@code <application.id>-diagnosis}.
 * Every instance running this role with the same {@code application.id} shares the partitions of both.
 * Settings: {@code classifier.*} and {@code alerts.*} keys as the two configs declare them, and raw
 * Kafka Streams settings as {@code streams.<setting>}.
 */
final class StreamsRole implements Role {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRole.class);
    static final String STREAMS_PREFIX = "streams.";

    private volatile ClassifierService classifier;
    private volatile KafkaStreams diagnosis;
    private volatile StreamsQueries queries;
    private volatile boolean closed;

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public void start(RunContext context) {
        Map<String, String> settings = context.config().originalsAsStrings();
        String appId = context.config().applicationId();
        String stateDir = context.config().dataDir().resolve("streams").toString();

        Map<String, Object> common = new HashMap<>(context.kafkaClientSettings());
        common.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        if (!context.advertisedHttp().isEmpty()) {
            common.put(StreamsConfig.APPLICATION_SERVER_CONFIG, context.advertisedHttp());
        }
        common.putAll(RoleSettings.prefixed(settings, STREAMS_PREFIX));

        Map<String, Object> classifierProps = new HashMap<>(common);
        settings.forEach((k, v) -> {
            if (k.startsWith("classifier.")) {
                classifierProps.put(k, v);
            }
        });
        classifierProps.put(ClassifierStreamsConfig.APPLICATION_ID_CONFIG, appId + "-classifier");
        classifierProps.put(ClassifierStreamsConfig.TOPIC_CREATE_CONFIG, false);
        AlertsConfig alertsConfig;
        try {
            classifier = new ClassifierService(new ClassifierStreamsConfig(classifierProps));
            alertsConfig = AlertsConfig.from(settings, context.environment());
        } catch (ConfigException e) {
            throw new UsageException("streams settings: " + e.getMessage());
        }
        classifier.start();

        Properties diagnosisProps = new Properties();
        diagnosisProps.putAll(common);
        diagnosisProps.put(StreamsConfig.APPLICATION_ID_CONFIG, appId + "-diagnosis");
        diagnosisProps.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        diagnosisProps.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        diagnosisProps.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        diagnosis = new KafkaStreams(DiagnosisTopology.build(new StreamsBuilder(), alertsConfig), diagnosisProps);
        diagnosis.setUncaughtExceptionHandler(e -> {
            LOG.error("diagnosis stream thread failed, replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        diagnosis.start();
        queries = new StreamsQueries(diagnosis, alertsConfig, context.advertisedHttp());
        context.publish(queries);
    }

    private static boolean working(KafkaStreams.State s) {
        return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
    }

    @Override
    public boolean ready() {
        return !closed && classifier != null && diagnosis != null && working(classifier.state()) && working(diagnosis.state());
    }

    @Override
    public String state() {
        if (closed) {
            return "STOPPED";
        }
        return "classifier " + (classifier == null ? "CREATED" : classifier.state())
                + ", diagnosis " + (diagnosis == null ? "CREATED" : diagnosis.state());
    }

    @Override
    public List<MetricSample> metrics() {
        List<MetricSample> out = new ArrayList<>();
        ClassifierService c = classifier;
        if (c == null) {
            return out;
        }
        c.dropCounters().snapshot().forEach((reason, n) -> out.add(new MetricSample("ecs_monitor_dropped_records_total", "counter",
                "Raw records not passed on, by reason (duplicates dropped; the others dead-lettered)",
                Map.of("reason", reason.name().toLowerCase(java.util.Locale.ROOT)), n)));
        long dlq = c.dropCounters().snapshot().entrySet().stream()
                .filter(e -> e.getKey() != DropCounters.Reason.DUPLICATE).mapToLong(Map.Entry::getValue).sum();
        out.add(MetricSample.counter("ecs_monitor_dlq_records_total", "Records this instance sent to ecs-monitor.dlq", dlq));
        out.add(MetricSample.counter("ecs_monitor_future_timestamps_total", "Raw events stamped further ahead of their"
                + " ingestion than classifier.max.future.ms, counted at their ingestion time instead",
                c.dropCounters().futureTimestamps()));
        c.streams().ifPresent(s -> out.addAll(ClassifierMetrics.samples(s)));
        StreamsQueries q = queries;
        if (q != null) {
            try {
                out.addAll(q.gauges());
            } catch (ServiceQueries.NotReadyException e) {
                // during a rebalance the per-service gauges are left out of this scrape
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        if (diagnosis != null) {
            diagnosis.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)));
        }
        if (classifier != null) {
            classifier.close();
        }
    }
}
