package io.ecsmonitor.alerts.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Alert.Kind;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final long MIN = 60_000;
    private AlertLifecycle lifecycle = new AlertLifecycle(Duration.ofMinutes(30), Duration.ZERO);
    private AlertState state;
    private final List<Kind> kinds = new ArrayList<>();
    private final List<io.ecsmonitor.core.model.Alert> alerts = new ArrayList<>();

    private void apply(long minute, Status status, String... codes) {
        List<Cause> causes = new ArrayList<>();
        for (String c : codes) {
            String[] parts = c.split(":");
            causes.add(new Cause(parts[0], Status.valueOf(parts[1]), parts[0], parts[0], List.of()));
        }
        Diagnosis d = new Diagnosis("api", "prod", minute * MIN, status, "h", "s", causes, List.of(), List.of(), List.of(), null,
                List.of(), List.of());
        AlertLifecycle.Step step = lifecycle.apply(state, d);
        state = step.state();
        if (step.alert() != null) {
            alerts.add(step.alert());
            kinds.add(step.alert().kind());
        }
    }

    @Test
    void shouldSuppressRepeatsAndEmitOnEveryChangeOfState() {
        apply(0, Status.OK);
        apply(1, Status.WARNING, "targets_unhealthy:WARNING");
        apply(2, Status.WARNING, "targets_unhealthy:WARNING");
        apply(3, Status.WARNING, "targets_unhealthy:WARNING", "http_5xx_share:WARNING");
        apply(4, Status.WARNING, "http_5xx_share:WARNING");
        apply(5, Status.WARNING, "targets_unhealthy:WARNING", "http_5xx_share:WARNING");
        apply(6, Status.CRITICAL, "crash_errors:CRITICAL", "http_5xx_share:WARNING");
        apply(7, Status.CRITICAL, "crash_errors:CRITICAL", "restarts:WARNING");
        apply(8, Status.WARNING, "http_5xx_share:WARNING");
        apply(9, Status.OK);
        apply(10, Status.OK);
        assertThat(kinds).containsExactly(Kind.OPENED, Kind.ESCALATED, Kind.ESCALATED, Kind.DEESCALATED, Kind.RESOLVED);
        assertThat(state).isNull();
    }

    @Test
    void shouldKeepOneIncidentWhileAServiceHoversAtAThreshold() {
        lifecycle = new AlertLifecycle(Duration.ofMinutes(30), Duration.ofMinutes(5));
        for (int m = 0; m < 20; m++) {
            apply(m, m % 2 == 0 ? Status.WARNING : Status.OK, "http_5xx_share:WARNING");
        }
        assertThat(kinds).containsExactly(Kind.OPENED);
        assertThat(state.status()).isEqualTo(Status.WARNING);
        assertThat(state.clearingSince()).isEqualTo(19 * MIN);
        for (int m = 20; m <= 23; m++) {
            apply(m, Status.OK);
        }
        assertThat(kinds).containsExactly(Kind.OPENED);
        apply(24, Status.OK);
        assertThat(kinds).containsExactly(Kind.OPENED, Kind.RESOLVED);
        assertThat(state).isNull();
    }

    @Test
    void shouldNotifyGettingWorseAtOnceAndGettingBetterOnlyAfterTheClearDelay() {
        lifecycle = new AlertLifecycle(Duration.ofMinutes(30), Duration.ofMinutes(5));
        apply(0, Status.WARNING, "targets_unhealthy:WARNING");
        apply(1, Status.CRITICAL, "crash_errors:CRITICAL");
        apply(2, Status.WARNING, "targets_unhealthy:WARNING");
        apply(4, Status.OK);
        // Better than CRITICAL since minute 2, whatever the level in between: de-escalated to what it is now.
        apply(7, Status.WARNING, "targets_unhealthy:WARNING");
        assertThat(kinds).containsExactly(Kind.OPENED, Kind.ESCALATED, Kind.DEESCALATED);
        assertThat(state.status()).isEqualTo(Status.WARNING);
        assertThat(state.clearingSince()).isZero();
        // A relapse to CRITICAL while clearing from WARNING is an escalation, notified at once.
        apply(8, Status.OK);
        apply(9, Status.CRITICAL, "crash_errors:CRITICAL");
        assertThat(kinds).containsExactly(Kind.OPENED, Kind.ESCALATED, Kind.DEESCALATED, Kind.ESCALATED);
        assertThat(state.incidentId()).isEqualTo("api-19700101T000000Z");
    }

    @Test
    void shouldNameTheCausesAnEscalationNotifiesForTheFirstTime() {
        apply(0, Status.CRITICAL, "tasks_oom_killed:CRITICAL");
        apply(1, Status.CRITICAL, "tasks_oom_killed:CRITICAL", "crash_loop:CRITICAL", "restarts:WARNING");
        apply(2, Status.CRITICAL, "tasks_oom_killed:CRITICAL", "crash_loop:CRITICAL", "restarts:WARNING");
        assertThat(kinds).containsExactly(Kind.OPENED, Kind.ESCALATED);
        assertThat(alerts.get(0).newCauses()).isNull();
        assertThat(alerts.get(1).newCauses()).containsExactly("crash_loop", "restarts");
        assertThat(io.ecsmonitor.alerts.sink.AlertText.line(alerts.get(1))).isEqualTo("api: crash_loop — crash_loop (new; also h)");
    }

    @Test
    void shouldReNotifyACriticalAtTheIntervalOnly() {
        for (int m = 0; m <= 65; m++) {
            apply(m, Status.CRITICAL, "crash_errors:CRITICAL");
        }
        assertThat(kinds).containsExactly(Kind.OPENED, Kind.RENOTIFIED, Kind.RENOTIFIED);
        assertThat(state.notification()).isEqualTo(3);
        assertThat(state.lastNotifiedAt()).isEqualTo(60 * MIN);
        assertThat(state.incidentId()).isEqualTo("api-19700101T000000Z");
    }

    @Test
    void shouldIgnoreADiagnosisOlderThanTheIncidentsLastSeen() {
        apply(10, Status.WARNING, "targets_unhealthy:WARNING");
        apply(5, Status.OK);
        assertThat(kinds).containsExactly(Kind.OPENED);
        assertThat(state.lastSeen()).isEqualTo(10 * MIN);
    }
}
