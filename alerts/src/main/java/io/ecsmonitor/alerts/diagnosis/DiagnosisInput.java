package io.ecsmonitor.alerts.diagnosis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;

/**
 * One input of the diagnosis, from one of the three topics it joins: exactly one field is set, except
 * for a deleted health report (a tombstone on the compacted health topic), which has none. An empty
 * statistics or restart record becomes no input at all (null) and is dead-lettered.
 *
 * @param stats   an update of a statistics window
 * @param restart a detected restart
 * @param health  the latest health report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiagnosisInput(ServiceStats stats, RestartEvent restart, HealthReport health) {

    static DiagnosisInput of(ServiceStats stats) {
        return new DiagnosisInput(stats, null, null);
    }

    static DiagnosisInput of(RestartEvent restart) {
        return new DiagnosisInput(null, restart, null);
    }

    static DiagnosisInput of(HealthReport health) {
        return new DiagnosisInput(null, null, health);
    }

    /** The event time the input describes, or 0 when it carries none. */
    long eventTime() {
        if (stats != null) {
            return stats.lastUpdated() > 0 ? stats.lastUpdated() : stats.windowEnd() - 1;
        }
        if (restart != null) {
            return restart.timestamp();
        }
        return health != null ? health.probedAt() : 0;
    }
}
