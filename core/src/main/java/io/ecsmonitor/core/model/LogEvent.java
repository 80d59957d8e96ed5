package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One CloudWatch log event of an ECS service: the value of {@code ecs-monitor.logs.raw}.
 *
 * <pre>{@code
 * {"service":"api","cluster":"prod","logGroup":"/ecs/api","logStream":"ecs/api/0f1e2d...",
 *  "taskId":"0f1e2d...","container":"api","eventId":"3791...","timestamp":1763770000123,
 *  "ingestionTime":1763770000456,"message":"ERROR ...","source":"kinesis"}
 * }</pre>
 *
 * @param service       ECS service name, derived from the log group through {@code ECS_LOG_PATTERN}
 * @param cluster       ECS cluster name; null when unknown
 * @param logGroup      CloudWatch log group (required)
 * @param logStream     CloudWatch log stream (required)
 * @param taskId        ECS task id from the awslogs stream name ({@code prefix/container/task-id}); null when the name has another shape
 * @param container     container name from the awslogs stream name; null when unknown
 * @param eventId       CloudWatch event id (required): duplicates are dropped by it
 * @param timestamp     event time, ms since the epoch (required)
 * @param ingestionTime when CloudWatch ingested it, ms since the epoch; 0 when unknown
 * @param message       the log line as written by the program (required)
 * @param source        how it reached Kafka: {@code kinesis}, {@code poll}, {@code replay}, …
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEvent(String service, String cluster, String logGroup, String logStream, String taskId,
                       String container, String eventId, long timestamp, long ingestionTime, String message,
                       String source) {

    /** The record key on {@code ecs-monitor.logs.raw}: {@code logGroup/logStream}. */
    @JsonIgnore
    public String streamKey() {
        return streamKey(logGroup, logStream);
    }

    /** The record key for a log group and stream. */
    public static String streamKey(String logGroup, String logStream) {
        return logGroup + "/" + logStream;
    }

    /** The name of the first required field that is missing, or null when all are there. */
    @JsonIgnore
    public String missingRequiredField() {
        if (service == null || service.isEmpty()) {
            return "service";
        }
        if (logGroup == null || logGroup.isEmpty()) {
            return "logGroup";
        }
        if (logStream == null || logStream.isEmpty()) {
            return "logStream";
        }
        if (eventId == null || eventId.isEmpty()) {
            return "eventId";
        }
        if (timestamp <= 0) {
            return "timestamp";
        }
        if (message == null) {
            return "message";
        }
        return null;
    }
}
