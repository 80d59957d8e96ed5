package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A detected (re)start of a task or a container: the value of {@code ecs-monitor.restarts}, key service.
 *
 * @param service           ECS service
 * @param cluster           ECS cluster; null when unknown
 * @param kind              how it was detected
 * @param timestamp         event time of the first event of the new task, or of the start-up marker
 * @param taskId            the (new) task id; null when unknown
 * @param container         the container; null when unknown
 * @param logStream         the (new) log stream
 * @param previousTaskId    the task seen before for the service (for {@link Kind#TASK_START}), or the same task
 * @param previousLogStream the log stream seen before
 * @param lastErrors        the last error lines seen before the restart (redacted, newest last)
 * @param lastErrorCategory the most important category among them, or null
 * @param restartsInWindow  restarts of the service within the crash-loop window, this one included
 * @param crashLoop         true when {@code restartsInWindow} reached the crash-loop threshold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestartEvent(String service, String cluster, Kind kind, long timestamp, String taskId, String container,
                           String logStream, String previousTaskId, String previousLogStream, List<String> lastErrors,
                           Category lastErrorCategory, int restartsInWindow, boolean crashLoop) {

    /** How a restart was detected. */
    public enum Kind {
        /** The first event of a new task's log stream, for a service that already had tasks. */
        TASK_START,
        /** A start-up banner after a crash-tier error in the same stream: the container restarted in its task. */
        CONTAINER_RESTART
    }
}
