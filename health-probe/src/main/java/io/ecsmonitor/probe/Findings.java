package io.ecsmonitor.probe;

import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.model.HealthReport.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes findings and rolls them up into a verdict. */
public final class Findings {

    private Findings() {
    }

    /** A finding; {@code evidence} alternates keys and values, null values left out. */
    public static Finding of(Severity severity, String code, String message, Object... evidence) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < evidence.length; i += 2) {
            if (evidence[i + 1] != null) {
                facts.put(String.valueOf(evidence[i]), String.valueOf(evidence[i + 1]));
            }
        }
        return new Finding(severity, code, message, facts.isEmpty() ? Map.of() : Collections.unmodifiableMap(facts));
    }

    /** How much a severity weighs when ordering: CRITICAL, UNKNOWN, WARNING, INFO. */
    static int weight(Severity s) {
        return switch (s) {
            case CRITICAL -> 3;
            case UNKNOWN -> 2;
            case WARNING -> 1;
            case INFO -> 0;
        };
    }

    /** The findings, most severe first (stable within a severity). */
    public static List<Finding> ordered(Collection<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(Comparator.comparingInt((Finding f) -> weight(f.severity())).reversed());
        return List.copyOf(out);
    }

    /**
     * The verdict of a set of findings: UNHEALTHY when any is critical; otherwise UNKNOWN when a check
     * could not run (the part that could not be seen might be broken); otherwise DEGRADED when any is a
     * warning; otherwise HEALTHY.
     */
    public static HealthStatus rollup(Collection<Finding> findings) {
        boolean unknown = false;
        boolean warning = false;
        for (Finding f : findings) {
            switch (f.severity()) {
                case CRITICAL -> {
                    return HealthStatus.UNHEALTHY;
                }
                case UNKNOWN -> unknown = true;
                case WARNING -> warning = true;
                default -> {
                }
            }
        }
        return unknown ? HealthStatus.UNKNOWN : warning ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }
}
