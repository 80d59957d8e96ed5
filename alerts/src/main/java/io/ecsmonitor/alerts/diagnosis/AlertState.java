package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.Diagnosis.Status;
import java.util.List;

/**
 * The open incident of one service (the value of the alert-state store); absent while the service is OK.
 *
 * @param incidentId     the incident's stable id
 * @param status         the status of the last alert emitted
 * @param firstSeen      when the incident started, ms since the epoch
 * @param lastSeen       the newest diagnosis time of the incident
 * @param lastNotifiedAt the diagnosis time of the last alert emitted
 * @param notification   alerts emitted for the incident so far
 * @param causeCodes     every cause code already notified in the incident
 * @param clearingSince  the diagnosis time since which every diagnosis has been better than {@code status}
 *                       (the incident is clearing, not yet de-escalated or resolved), 0 when it is not
 */
public record AlertState(String incidentId, Status status, long firstSeen, long lastSeen, long lastNotifiedAt,
                         int notification, List<String> causeCodes, long clearingSince) {

    /** The same incident seen again at {@code t} with nothing to notify, clearing since {@code since} (0: not clearing). */
    AlertState seen(long t, long since) {
        return new AlertState(incidentId, status, firstSeen, t, lastNotifiedAt, notification, causeCodes, since);
    }
}
