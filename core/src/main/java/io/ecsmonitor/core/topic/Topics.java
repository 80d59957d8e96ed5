package io.ecsmonitor.core.topic;

import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.Silence;
import io.ecsmonitor.core.serde.JsonSerde;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of ecs-monitor. The JSON schema of each value is the Javadoc of its record in
 * {@code io.ecsmonitor.core.model}; {@code core/README.md} has them in one place.
 */
public final class Topics {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /**
     * One record per CloudWatch log event. Key: the log stream as {@code logGroup/logStream}
     * ({@link LogEvent#streamKey()}), so one stream's events stay in order on one partition.
     */
    public static final Topic<String, LogEvent> LOGS_RAW = new Topic<>("ecs-monitor.logs.raw",
            Serdes.String(), JsonSerde.of(LogEvent.class), false, 6, 3 * DAY_MS,
            "raw CloudWatch log events, key logGroup/logStream");

    /** Each non-noise (stitched) event with its verdict and redacted text. Key: the log stream. */
    public static final Topic<String, ClassifiedEvent> LOGS_CLASSIFIED = new Topic<>("ecs-monitor.logs.classified",
            Serdes.String(), JsonSerde.of(ClassifiedEvent.class), false, 6, 3 * DAY_MS,
            "classified non-noise events, key logGroup/logStream");

    /** Per service and event-time window statistics, updated while the window is open. Key: service. */
    public static final Topic<String, ServiceStats> STATS = new Topic<>("ecs-monitor.stats",
            Serdes.String(), JsonSerde.of(ServiceStats.class), false, 6, DAY_MS,
            "per-service windowed statistics, key service");

    /** One record per detected (re)start of a task or container. Key: service. */
    public static final Topic<String, RestartEvent> RESTARTS = new Topic<>("ecs-monitor.restarts",
            Serdes.String(), JsonSerde.of(RestartEvent.class), false, 6, 7 * DAY_MS,
            "detected task and container (re)starts, key service");

    /** The latest health report per service (a table). Key: service, or {@code _endpoints}. */
    public static final Topic<String, HealthReport> HEALTH = new Topic<>("ecs-monitor.health",
            Serdes.String(), JsonSerde.of(HealthReport.class), true, 6, -1,
            "latest health-probe report per service (compacted), key service");

    /**
     * Every record that could not be processed: the original key and value bytes, with the reason and
     * the source position in the headers of {@link io.ecsmonitor.core.dlq.DeadLetter}.
     */
    public static final Topic<byte[], byte[]> DLQ = new Topic<>("ecs-monitor.dlq",
            Serdes.ByteArray(), Serdes.ByteArray(), false, 1, 14 * DAY_MS,
            "records that could not be processed, reason and source position in headers");

    /**
     * Alerts about services: opened, escalated, de-escalated, re-notified and resolved incidents, each with
     * its diagnosis ({@link Alert}). Key: service.
     */
    public static final Topic<String, Alert> ALERTS = new Topic<>("ecs-monitor.alerts",
            Serdes.String(), JsonSerde.of(Alert.class), false, 3, 30 * DAY_MS,
            "alerts with their diagnosis, key service");

    /**
     * Alerts that a sink could not deliver after its retries: the original key and value bytes of the
     * {@link #ALERTS} record, with the failing sink as the stage ({@code deliver:webhook}, {@code deliver:slack},
     * {@code deliver:sns}, {@code deliver:file}) and the last error as the reason, in the headers of
     * {@link io.ecsmonitor.core.dlq.DeadLetter}.
     */
    public static final Topic<byte[], byte[]> ALERTS_DLQ = new Topic<>("ecs-monitor.alerts.dlq",
            Serdes.ByteArray(), Serdes.ByteArray(), false, 1, 30 * DAY_MS,
            "alerts that could not be delivered, failing sink and error in headers");

    /**
     * Silences of alert notifications ({@link Silence}), a table: a new version of a silence replaces the old
     * one. Key: the silence's id. Written by {@code ecs-monitor silence}, read whole by every sink.
     */
    public static final Topic<String, Silence> SILENCES = new Topic<>("ecs-monitor.silences",
            Serdes.String(), JsonSerde.of(Silence.class), true, 1, -1,
            "silences of alert notifications (compacted), key silence id");

    /** The topics every role expects to exist. */
    public static final List<Topic<?, ?>> ALL = List.of(LOGS_RAW, LOGS_CLASSIFIED, STATS, RESTARTS, HEALTH, DLQ,
            ALERTS, ALERTS_DLQ, SILENCES);

    private Topics() {
    }
}
