package io.ecsmonitor.ingest.envelope;

import io.ecsmonitor.core.ecs.AwsLogStream;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.core.model.LogEvent;
import java.util.Optional;

/**
 * Turns CloudWatch log events into the {@link LogEvent} contract of {@code ecs-monitor.logs.raw}:
 * {@code service} from the log group through {@code ECS_LOG_PATTERN}, {@code taskId} and
 * {@code container} from the awslogs stream name.
 */
public final class LogEventMapper {

    private final LogGroupPattern pattern;
    private final String cluster;
    private final String source;

    /**
     * A mapper.
     *
     * @param pattern the log group pattern
     * @param cluster the ECS cluster, or null when unknown
     * @param source  the {@code source} field: {@code kinesis} or {@code poll}
     */
    public LogEventMapper(LogGroupPattern pattern, String cluster, String source) {
        this.pattern = pattern;
        this.cluster = cluster == null || cluster.isBlank() ? null : cluster;
        this.source = source;
    }

    /** The service of {@code logGroup}, when the group matches the pattern. */
    public Optional<String> service(String logGroup) {
        return pattern.service(logGroup);
    }

    /** The pattern. */
    public LogGroupPattern pattern() {
        return pattern;
    }

    /**
     * One event.
     *
     * @param service       the service (from {@link #service})
     * @param ingestionTime CloudWatch's ingestion time, 0 when unknown
     */
    public LogEvent map(String service, String logGroup, String logStream, String eventId, long timestamp,
                        long ingestionTime, String message) {
        Optional<AwsLogStream> parts = AwsLogStream.parse(logStream);
        return new LogEvent(service, cluster, logGroup, logStream, parts.map(AwsLogStream::taskId).orElse(null),
                parts.map(AwsLogStream::container).orElse(null), eventId, timestamp, ingestionTime, message, source);
    }
}
