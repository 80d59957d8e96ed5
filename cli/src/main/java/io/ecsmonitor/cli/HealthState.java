package io.ecsmonitor.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ECS_HEALTH_STATE} file of {@code ecs-monitor health}, and what {@code --json} prints: the
 * reports of this run, the verdicts of the run before, and what changed between them.
 *
 * @param cluster   ECS cluster
 * @param region    AWS region
 * @param checkedAt when this run probed, ISO-8601 UTC
 * @param status    the worst verdict of all reports
 * @param services  every report of this run by key (service, {@code _endpoints}, {@code _cluster})
 * @param changes   every key whose verdict differs from the previous run's (new and gone keys too)
 * @param previous  the previous run's verdicts, null on the first run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthState(String cluster, String region, String checkedAt, HealthStatus status,
                          Map<String, HealthReport> services, List<Change> changes, Previous previous) {

    /**
     * One verdict that changed.
     *
     * @param service the report key
     * @param from    the previous verdict, null when the key is new
     * @param to      the verdict now, null when the key is gone
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String service, HealthStatus from, HealthStatus to) {
    }

    /**
     * The previous run, in short.
     *
     * @param checkedAt when it probed
     * @param status    its overall verdict
     * @param services  its verdict per key
     */
    public record Previous(String checkedAt, HealthStatus status, Map<String, HealthStatus> services) {
    }

    /** The worst verdict: UNHEALTHY, then UNKNOWN, then DEGRADED, else HEALTHY (also for no report). */
    public static HealthStatus overall(Collection<HealthReport> reports) {
        Set<HealthStatus> seen = new LinkedHashSet<>();
        reports.forEach(r -> seen.add(r.status()));
        for (HealthStatus s : List.of(HealthStatus.UNHEALTHY, HealthStatus.UNKNOWN, HealthStatus.DEGRADED)) {
            if (seen.contains(s)) {
                return s;
            }
        }
        return HealthStatus.HEALTHY;
    }

    /** This run's state, compared with {@code before} (may be null). */
    public static HealthState of(String cluster, String region, String checkedAt, List<HealthReport> reports, HealthState before) {
        Map<String, HealthReport> byKey = new LinkedHashMap<>();
        reports.forEach(r -> byKey.put(r.service(), r));
        List<Change> changes = new ArrayList<>();
        Previous previous = null;
        if (before != null && before.services() != null) {
            Map<String, HealthStatus> was = new LinkedHashMap<>();
            before.services().forEach((k, r) -> was.put(k, r.status()));
            previous = new Previous(before.checkedAt(), before.status(), was);
            for (HealthReport r : reports) {
                HealthStatus from = was.get(r.service());
                if (from != r.status()) {
                    changes.add(new Change(r.service(), from, r.status()));
                }
            }
            was.forEach((k, s) -> {
                if (!byKey.containsKey(k)) {
                    changes.add(new Change(k, s, null));
                }
            });
        }
        return new HealthState(cluster, region, checkedAt, overall(reports), byKey, changes, previous);
    }

    /** The state in {@code file}; null when there is none. */
    public static HealthState read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return JsonSerde.MAPPER.readValue(file.toFile(), HealthState.class);
    }

    /** Writes the state to {@code file} atomically: a temporary file beside it, then a rename. */
    public void write(Path file) throws IOException {
        writeAtomically(file, JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** Writes {@code bytes} to {@code file} through a temporary file in the same directory and a rename. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
