package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One notification about a service's incident: the value of {@code ecs-monitor.alerts}, key service.
 * An alert is emitted when the status of a service changes (back to OK included: a {@link Kind#RESOLVED}
 * record), when a WARNING escalates, and while CRITICAL at most once per re-notify interval; repeats of
 * the same state are suppressed.
 *
 * <pre>{@code
 * {"incidentId":"api-20261122T011500Z","service":"api","cluster":"prod","kind":"OPENED","status":"CRITICAL",
 *  "previousStatus":"OK","firstSeen":1763774100000,"lastSeen":1763774400000,"notification":1,
 *  "diagnosis":{...}}
 * }</pre>
 *
 * @param incidentId     stable for one incident, from the first non-OK diagnosis to its resolution:
 *                       service and the first-seen time ({@code api-20261122T011500Z})
 * @param service        ECS service, or {@value HealthReport#ENDPOINTS_KEY}
 * @param cluster        ECS cluster; null when unknown
 * @param kind           why this alert was emitted
 * @param status         the status now
 * @param previousStatus the status of the previous alert of the incident; OK for the first
 * @param firstSeen      when the incident started (the first non-OK diagnosis), ms since the epoch
 * @param lastSeen       the newest diagnosis time of the incident (for RESOLVED: when it was seen resolved)
 * @param notification   1 for the first alert of the incident, counting up with every alert of it
 * @param diagnosis      the diagnosis the alert was emitted for, with its refreshed evidence
 * @param newCauses      the codes of the diagnosis's causes that the incident had not notified before (an
 *                       ESCALATED alert names what got worse); null when none, and for the first alert
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(String incidentId, String service, String cluster, Kind kind, Diagnosis.Status status,
                    Diagnosis.Status previousStatus, long firstSeen, long lastSeen, int notification,
                    Diagnosis diagnosis, java.util.List<String> newCauses) {

    /** An alert that names no new cause. */
    public Alert(String incidentId, String service, String cluster, Kind kind, Diagnosis.Status status,
                 Diagnosis.Status previousStatus, long firstSeen, long lastSeen, int notification, Diagnosis diagnosis) {
        this(incidentId, service, cluster, kind, status, previousStatus, firstSeen, lastSeen, notification, diagnosis, null);
    }

    /** Why an alert was emitted. */
    public enum Kind {
        /** The service left OK: a new incident. */
        OPENED,
        /** WARNING became CRITICAL, or the incident gained a cause as severe as its status that it had not notified. */
        ESCALATED,
        /** CRITICAL became WARNING. */
        DEESCALATED,
        /** Still CRITICAL after the re-notify interval, with refreshed evidence. */
        RENOTIFIED,
        /** Back to OK: the incident is over. */
        RESOLVED
    }
}
