package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Alert.Kind;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a diagnosis becomes an alert: when an incident opens, when it escalates (WARNING to CRITICAL, or
 * a cause as severe as the status that the incident has not notified yet: at most once per rule and
 * incident), while CRITICAL once per re-notify interval with the refreshed diagnosis, and when it
 * de-escalates or resolves. Everything else is a suppressed repeat. Pure: the processor keeps the state.
 *
 * <p>Hysteresis: getting worse is notified at once, getting better only once every diagnosis has been
 * better than the notified status for the clear delay. A service that hovers at a threshold (OK,
 * WARNING, OK, WARNING…) therefore keeps one open incident instead of paging with each crossing, and a
 * relapse within the clear delay continues the same incident silently.
 */
public final class AlertLifecycle {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Duration renotifyInterval;
    private final Duration clearDelay;

    /**
     * @param renotifyInterval how often a CRITICAL incident is notified again
     * @param clearDelay       how long every diagnosis must be better than the notified status before the
     *                         incident de-escalates or resolves; zero: at the first better diagnosis
     */
    public AlertLifecycle(Duration renotifyInterval, Duration clearDelay) {
        this.renotifyInterval = renotifyInterval;
        this.clearDelay = clearDelay;
    }

    /**
     * The outcome of one diagnosis.
     *
     * @param alert the alert to emit, or null when suppressed
     * @param state the incident state to keep, or null when the service is OK (no open incident)
     */
    public record Step(Alert alert, AlertState state) {
    }

    /** The incident id of {@code service} for an incident that started at {@code firstSeen}. */
    public static String incidentId(String service, long firstSeen) {
        return service + "-" + ID_TIME.format(Instant.ofEpochMilli(firstSeen));
    }

    /** Applies {@code d} to the incident {@code state} (null: none open). */
    public Step apply(AlertState state, Diagnosis d) {
        long t = d.evaluatedAt();
        if (state == null) {
            if (d.status() == Status.OK) {
                return new Step(null, null);
            }
            AlertState opened = new AlertState(incidentId(d.service(), t), d.status(), t, t, t, 1, codes(List.of(), d), 0);
            return new Step(alert(opened, Kind.OPENED, Status.OK, d), opened);
        }
        if (t < state.lastSeen()) {
            // An older diagnosis (a late input): it says nothing about now.
            return new Step(null, state);
        }
        if (d.status().compareTo(state.status()) < 0) {
            long since = state.clearingSince() > 0 ? state.clearingSince() : t;
            if (t - since < clearDelay.toMillis()) {
                return new Step(null, state.seen(t, since));
            }
            if (d.status() == Status.OK) {
                AlertState last = new AlertState(state.incidentId(), Status.OK, state.firstSeen(), t, t, state.notification() + 1,
                        state.causeCodes(), 0);
                return new Step(alert(last, Kind.RESOLVED, state.status(), d), null);
            }
            AlertState lower = new AlertState(state.incidentId(), d.status(), state.firstSeen(), t, t, state.notification() + 1,
                    codes(state.causeCodes(), d), 0);
            return new Step(alert(lower, Kind.DEESCALATED, state.status(), d), lower);
        }
        List<String> codes = codes(state.causeCodes(), d);
        Kind kind = null;
        if (d.status().compareTo(state.status()) > 0) {
            kind = Kind.ESCALATED;
        } else if (hasNewCause(state, d)) {
            kind = Kind.ESCALATED;
        } else if (d.status() == Status.CRITICAL && t - state.lastNotifiedAt() >= renotifyInterval.toMillis()) {
            kind = Kind.RENOTIFIED;
        }
        if (kind == null) {
            return new Step(null, state.seen(t, 0));
        }
        AlertState next = new AlertState(state.incidentId(), d.status(), state.firstSeen(), t, t, state.notification() + 1, codes, 0);
        List<String> fresh = d.causes().stream().map(Cause::code).filter(c -> !state.causeCodes().contains(c)).toList();
        Alert a = alert(next, kind, state.status(), d);
        if (kind == Kind.ESCALATED && !fresh.isEmpty()) {
            a = new Alert(a.incidentId(), a.service(), a.cluster(), a.kind(), a.status(), a.previousStatus(), a.firstSeen(),
                    a.lastSeen(), a.notification(), a.diagnosis(), fresh);
        }
        return new Step(a, next);
    }

    /** A cause as severe as the status that the incident has not notified yet: the trouble has spread. */
    private static boolean hasNewCause(AlertState state, Diagnosis d) {
        for (Cause c : d.causes()) {
            if (c.status() == d.status() && !state.causeCodes().contains(c.code())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> codes(List<String> known, Diagnosis d) {
        Set<String> out = new LinkedHashSet<>(known);
        for (Cause c : d.causes()) {
            out.add(c.code());
        }
        return List.copyOf(out);
    }

    private static Alert alert(AlertState s, Kind kind, Status previous, Diagnosis d) {
        return new Alert(s.incidentId(), d.service(), d.cluster(), kind, d.status(), previous, s.firstSeen(), s.lastSeen(),
                s.notification(), d);
    }
}
