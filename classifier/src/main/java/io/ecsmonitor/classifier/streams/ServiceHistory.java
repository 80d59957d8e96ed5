package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The restart store's value for one service.
 *
 * @param firstSeenMs   event time of the service's first event
 * @param tasks         task id to the event time it was last seen
 * @param lastTaskId    the task of the latest event, or null
 * @param lastLogStream the log stream of the latest event
 * @param lastErrors    the service's last error lines, redacted, newest last
 * @param restarts      event times of the restarts within the crash-loop window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServiceHistory(long firstSeenMs, Map<String, Long> tasks, String lastTaskId, String lastLogStream,
                      List<StreamState.ErrorLine> lastErrors, List<Long> restarts) {
}
