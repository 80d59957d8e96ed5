package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.core.model.LogEvent;

/**
 * What the stitcher carries with each line: the fields of its {@link LogEvent} but the message and the
 * timestamp, which the stitcher keeps itself. Stored in the stitch store, so it is plain JSON.
 *
 * @param service   ECS service
 * @param cluster   ECS cluster, or null
 * @param logGroup  log group
 * @param logStream log stream
 * @param taskId    task id, or null
 * @param container container, or null
 * @param eventId   CloudWatch event id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LineMeta(String service, String cluster, String logGroup, String logStream, String taskId, String container,
                String eventId) {

    static LineMeta of(LogEvent e) {
        return new LineMeta(e.service(), e.cluster(), e.logGroup(), e.logStream(), e.taskId(), e.container(),
                e.eventId());
    }
}
