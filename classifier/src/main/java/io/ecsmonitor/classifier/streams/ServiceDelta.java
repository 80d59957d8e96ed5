package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.ServiceStats;
import java.util.List;
import java.util.Map;

/**
 * What the stitched events of one service in one statistics window added since the last delta, as the
 * stream-keyed task forwards it to the service-keyed one (a few records per service and punctuation
 * instead of one per event).
 *
 * @param counts        the counts, in the shape of the window they add to; each fingerprint with its first
 *                      redacted sample; {@code lastUpdated} is the newest event time
 * @param tasks         each task of the service that had an event, to its newest event time
 * @param lastTaskId    the task of the newest event with a task, or null
 * @param lastLogStream the log stream of that event, or null
 * @param lastErrors    the last error lines, redacted, newest last (restart evidence)
 */
record ServiceDelta(ServiceStats counts, Map<String, Long> tasks, String lastTaskId, String lastLogStream,
                    List<StreamState.ErrorLine> lastErrors) {
}
