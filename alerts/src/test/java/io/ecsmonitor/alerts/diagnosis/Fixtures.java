package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.ContainerExit;
import io.ecsmonitor.core.model.HealthReport.Deployment;
import io.ecsmonitor.core.model.HealthReport.EcsState;
import io.ecsmonitor.core.model.HealthReport.StoppedTask;
import io.ecsmonitor.core.model.HealthReport.TargetGroupHealth;
import io.ecsmonitor.core.model.HealthReport.TargetState;
import io.ecsmonitor.core.model.HealthReport.TlsCheck;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of the three inputs with explicit times, for the scenarios. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String OOM_FP = "a1b2c3d4e5f60718";
    static final String OOM_SAMPLE = "java.lang.OutOfMemoryError: Java heap space at com.example.api.ReportBuilder.build(ReportBuilder.java:88)";

    private Fixtures() {
    }

    static long at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes)).toEpochMilli();
    }

    static long atSeconds(int minutes, int seconds) {
        return at(minutes) + seconds * 1000L;
    }

    /** A one-minute window starting at minute {@code minute} after T0. */
    static StatsBuilder window(String service, int minute) {
        return new StatsBuilder(service, at(minute));
    }

    static final class StatsBuilder {
        private final String service;
        private final long start;
        private long events;
        private long errors;
        private final Map<Category, Long> categories = new LinkedHashMap<>();
        private final Map<String, Long> status = new LinkedHashMap<>();
        private final List<FingerprintCount> fps = new ArrayList<>();
        private long updatedAt;

        StatsBuilder(String service, long start) {
            this.service = service;
            this.start = start;
            this.updatedAt = start + 59_000;
        }

        StatsBuilder events(long n) {
            events = n;
            return this;
        }

        StatsBuilder error(Category c, String fingerprint, long n, String sample) {
            errors += n;
            events += n;
            categories.merge(c, n, Long::sum);
            fps.add(new FingerprintCount(fingerprint, c, n, sample));
            return this;
        }

        StatsBuilder requests(long ok, long failed) {
            status.put("2xx", ok);
            if (failed > 0) {
                status.put("5xx", failed);
            }
            events += ok + failed;
            return this;
        }

        StatsBuilder updatedAtSecond(int second) {
            updatedAt = start + second * 1000L;
            return this;
        }

        ServiceStats build() {
            return new ServiceStats(service, start, start + 60_000, events, errors, Map.copyOf(categories), Map.copyOf(status),
                    0, Map.of(), List.copyOf(fps), updatedAt);
        }
    }

    static RestartEvent restart(String service, long at, String task, String previous, int inWindow, boolean loop) {
        return new RestartEvent(service, "prod", RestartEvent.Kind.TASK_START, at, task, "api", "ecs/api/" + task, previous,
                "ecs/api/" + previous, List.of("ERROR Exception in thread \"main\" " + OOM_SAMPLE), Category.OOM, inWindow, loop);
    }

    static Deployment deployment(String id, String status, String taskDef, String rollout, String reason, int running,
                                 int failed, long created, long updated) {
        return new Deployment(id, status, taskDef, 4, running, 4 - running, failed, failed, rollout, reason, created, updated);
    }

    static TargetGroupHealth targets(int healthy, int unhealthy, String reason) {
        List<TargetState> bad = new ArrayList<>();
        for (int i = 0; i < unhealthy; i++) {
            bad.add(new TargetState("10.0.1." + (20 + i), 8080, "unhealthy", reason, "Request timed out"));
        }
        Map<String, Integer> states = new LinkedHashMap<>();
        states.put("healthy", healthy);
        if (unhealthy > 0) {
            states.put("unhealthy", unhealthy);
        }
        return new TargetGroupHealth("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-tg/0123456789abcdef",
                "api-tg", states, bad);
    }

    static HealthReport health(String service, long at, int running, List<Deployment> deployments, List<StoppedTask> stopped,
                               TargetGroupHealth targets) {
        EcsState ecs = new EcsState("ACTIVE", 4, running, 4 - running, deployments, List.of());
        return new HealthReport(service, "prod", at, running == 4 ? HealthReport.HealthStatus.HEALTHY : HealthReport.HealthStatus.DEGRADED,
                "", ecs, stopped, targets == null ? List.of() : List.of(targets), List.of(), List.of(), List.of());
    }

    static StoppedTask oomKilled(String task, long at) {
        return new StoppedTask(task, "api:41", "EssentialContainerExited", "Essential container in task exited", "oom_killed",
                at - 240_000, at, List.of(new ContainerExit("api", 137, "OutOfMemoryError: Container killed due to memory usage")));
    }

    static HealthReport endpoints(long at, long daysLeft) {
        long notAfter = at + Duration.ofDays(daysLeft).toMillis() + Duration.ofHours(5).toMillis();
        TlsCheck tls = new TlsCheck("api.example.com", 443, daysLeft, notAfter, "CN=api.example.com", "CN=Amazon RSA 2048 M02,O=Amazon,C=US",
                true, true, null);
        return new HealthReport(HealthReport.ENDPOINTS_KEY, "prod", at, HealthReport.HealthStatus.HEALTHY, "", null, List.of(),
                List.of(), List.of(new HealthReport.HttpCheck("https://api.example.com/health", true, 200, 42, 1, null)),
                List.of(tls), List.of());
    }
}
