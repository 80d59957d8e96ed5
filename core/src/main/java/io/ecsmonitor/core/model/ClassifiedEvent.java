package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One non-noise event after stitching and classification: the value of
 * {@code ecs-monitor.logs.classified}. A stitched multi-line trace is one event.
 *
 * @param service     ECS service
 * @param cluster     ECS cluster; null when unknown
 * @param logGroup    CloudWatch log group
 * @param logStream   CloudWatch log stream
 * @param taskId      ECS task id; null when unknown
 * @param container   container name; null when unknown
 * @param eventId     id of the first CloudWatch event of the (stitched) event
 * @param timestamp   event time of the first line, ms since the epoch
 * @param lines       how many log events were stitched into this one (1 for a single line)
 * @param category    the error category, or null when the event is not an error
 * @param fingerprint 16 hex digits grouping events of one template; null when not an error
 * @param httpStatus  HTTP status of an access-log line, or 0
 * @param message     the (stitched) text, redacted: secrets, tokens and personal data masked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifiedEvent(String service, String cluster, String logGroup, String logStream, String taskId,
                              String container, String eventId, long timestamp, int lines, Category category,
                              String fingerprint, int httpStatus, String message) {
}
