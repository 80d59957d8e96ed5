package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.core.model.Category;
import java.util.List;

/**
 * The compact record of one stitched, classified event that is re-keyed by service for the windowed
 * statistics and restart detection: the repartition topic carries these, never the full text but an
 * error's short sample.
 *
 * @param service          ECS service (the new key)
 * @param cluster          ECS cluster, or null
 * @param logStream        log stream
 * @param taskId           task id, or null
 * @param container        container, or null
 * @param timestamp        event time of the first line
 * @param noise            health-check noise
 * @param category         error category, or null
 * @param fingerprint      template fingerprint of an error, or null
 * @param statusClass      HTTP status class 1..5 of an access-log line, 0 when none
 * @param sample           redacted, shortened text of an error, or null
 * @param containerRestart the evidence when this event is a start-up banner after a crash-tier error
 *                         in the same stream, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Observation(String service, String cluster, String logStream, String taskId, String container, long timestamp,
                   boolean noise, Category category, String fingerprint, int statusClass, String sample,
                   List<StreamState.ErrorLine> containerRestart) {
}
