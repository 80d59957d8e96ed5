package io.ecsmonitor.cli;

import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.model.HealthReport.HttpCheck;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.core.model.HealthReport.TlsCheck;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/** The report of {@code ecs-monitor health} for a person. */
final class HealthText {

    private HealthText() {
    }

    static void print(PrintWriter out, HealthState state) {
        out.printf("ECS health of cluster %s (%s) at %s%n%n", state.cluster(), state.region(), state.checkedAt());
        Map<HealthStatus, Integer> counts = new EnumMap<>(HealthStatus.class);
        for (HealthReport r : state.services().values()) {
            counts.merge(r.status(), 1, Integer::sum);
            String tasks = r.ecs() == null ? "" : r.ecs().running() + "/" + r.ecs().desired() + " running";
            out.printf("%-10s %-24s %-13s %s%n", r.status(), r.service(), tasks, r.summary());
            if (r.findings() != null) {
                for (Finding f : r.findings()) {
                    if (f.severity() != Severity.INFO || r.status() != HealthStatus.HEALTHY) {
                        out.printf("    %-8s %-24s %s%n", f.severity(), f.code(), f.message());
                    }
                }
            }
            if (r.http() != null) {
                for (HttpCheck h : r.http()) {
                    out.printf("    http     %-48s %s, %d ms, %d attempt(s)%s%n", h.url(), h.ok() ? "OK " + h.status()
                            : h.status() > 0 ? "HTTP " + h.status() : "FAILED", h.latencyMs(), h.attempts(),
                            h.error() == null || h.ok() ? "" : " (" + h.error() + ")");
                }
            }
            if (r.tls() != null) {
                for (TlsCheck t : r.tls()) {
                    if (t.error() != null) {
                        out.printf("    tls      %-48s %s%n", t.host() + ":" + t.port(), t.error());
                    } else {
                        out.printf("    tls      %-48s %d days left, issuer %s, chain %s, host %s%n", t.host() + ":" + t.port(),
                                t.daysLeft(), t.issuer(), t.chainValid() ? "valid" : "INVALID", t.hostMatches() ? "matches" : "MISMATCH");
                    }
                }
            }
        }
        if (state.services().isEmpty()) {
            out.println("(no service found in the cluster)");
        }
        out.println();
        if (state.previous() != null) {
            if (state.changes().isEmpty()) {
                out.printf("No change since %s%n", state.previous().checkedAt());
            } else {
                out.printf("Changed since %s:%n", state.previous().checkedAt());
                for (HealthState.Change c : state.changes()) {
                    out.printf("    %-24s %s -> %s%n", c.service(), c.from() == null ? "(new)" : c.from(), c.to() == null ? "(gone)" : c.to());
                }
            }
        }
        out.printf("Overall: %s (%d unhealthy, %d degraded, %d unknown, %d healthy)%n", state.status(),
                counts.getOrDefault(HealthStatus.UNHEALTHY, 0), counts.getOrDefault(HealthStatus.DEGRADED, 0),
                counts.getOrDefault(HealthStatus.UNKNOWN, 0), counts.getOrDefault(HealthStatus.HEALTHY, 0));
    }
}
