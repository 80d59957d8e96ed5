package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.Link;
import io.ecsmonitor.core.model.Diagnosis.Status;
import io.ecsmonitor.core.model.Diagnosis.WindowCounts;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.util.List;
import java.util.Map;

/** A realistic alert for the sink tests. */
final class Alerts {

    private Alerts() {
    }

    static Alert oomCrashLoop(String service, Alert.Kind kind, int notification) {
        Diagnosis d = new Diagnosis(service, "prod", 1763805119000L, Status.CRITICAL, "OOM crash loop",
                service + ": OOM crash loop — 3 restarts in 10 min after OutOfMemoryError; 2/4 targets unhealthy (Target.Timeout)",
                List.of(new Cause("crash_loop", Status.CRITICAL, "OOM crash loop", "3 restarts in 10 min after OutOfMemoryError",
                                List.of("restart at 10:11 UTC (new task t4, replacing t3); last error: java.lang.OutOfMemoryError: Java heap space",
                                        "flagged as a crash loop: 3 restarts within the restart detector's window")),
                        new Cause("targets_unhealthy", Status.CRITICAL, "unhealthy targets", "2/4 targets unhealthy (Target.Timeout)",
                                List.of("target 10.0.1.20:8080 in api-tg unhealthy (Target.Timeout): Request timed out"))),
                List.of(new WindowCounts(5, 600, 1, Map.of(Category.OOM, 1L), 0, 0, 1),
                        new WindowCounts(15, 1450, 3, Map.of(Category.OOM, 3L), 0, 0, 3)),
                List.of(new FingerprintCount("a1b2c3d4e5f60718", Category.OOM, 3, "java.lang.OutOfMemoryError: Java heap space")),
                List.of(), null,
                List.of("Raise the memory limit of the task definition (memory/memoryReservation) or the heap setting",
                        "Check that the security group lets the load balancer reach the container port"),
                List.of(new Link("CloudWatch Logs Insights: /ecs/" + service, "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights"),
                        new Link("ECS service: prod/" + service, "https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/" + service + "/health?region=us-east-1")));
        return new Alert(service + "-20261122T100159Z", service, "prod", kind, Status.CRITICAL, Status.OK, 1763805719000L - 600_000,
                1763805119000L, notification, d);
    }
}
