package io.ecsmonitor.cli.demo;

import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.ElbV2Fake;
import java.time.Duration;
import java.time.Instant;

/**
 * The ECS and ALB side of the demo's incident, served by the fakes of {@code aws-fakes} through the
 * same SDK clients and code paths a real cluster uses: the crash-looping checkout service with its
 * OOM-killed tasks, the api's failing deployment and unhealthy targets, and a healthy catalog.
 */
public final class DemoScenario {

    private DemoScenario() {
    }

    /** Builds the cluster {@value DemoIncident#CLUSTER} in {@code ecs} and its target groups in {@code elb}, as they are at {@code now}. */
    public static void install(EcsFake ecs, ElbV2Fake elb, Instant now) {
        EcsFake.Cluster cluster = ecs.cluster(DemoIncident.CLUSTER);

        ElbV2Fake.TargetGroup checkoutTg = elb.targetGroup("checkout-tg", 8080).healthCheck("/actuator/health", "200")
                .target("10.0.1.21", 8080, "healthy")
                .target("10.0.1.22", 8080, "unhealthy", "Target.Timeout", "Request timed out")
                .target("10.0.1.23", 8080, "draining");
        cluster.service(DemoIncident.CHECKOUT).counts(3, 1, 2).taskDefinition("checkout:17")
                .loadBalancer(checkoutTg.arn(), "checkout", 8080)
                .event("(service checkout) has started 1 tasks: (task " + DemoIncident.taskId(DemoIncident.CHECKOUT, 3) + ").",
                        now.minus(Duration.ofMinutes(2)))
                .event("(service checkout) has stopped 1 running tasks: (task " + DemoIncident.taskId(DemoIncident.CHECKOUT, 2) + ").",
                        now.minus(Duration.ofMinutes(2).plusSeconds(5)));
        cluster.service(DemoIncident.CHECKOUT).deployment("ecs-svc/1001", "PRIMARY", "checkout:17").counts(3, 1, 2)
                .rollout("COMPLETED", "ECS deployment ecs-svc/1001 completed.")
                .times(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)));
        for (int task = 0; task < DemoIncident.CHECKOUT_OOM_KILLS; task++) {
            Instant stopped = now.minus(Duration.ofSeconds(200L * (DemoIncident.CHECKOUT_OOM_KILLS - task)));
            cluster.stoppedTask(DemoIncident.CHECKOUT, DemoIncident.taskId(DemoIncident.CHECKOUT, task))
                    .taskDefinition("checkout:17").stopCode("EssentialContainerExited")
                    .stoppedReason("Essential container in task exited")
                    .times(stopped.minus(Duration.ofSeconds(190)), stopped)
                    .container("checkout", 137, "OutOfMemoryError: Container killed due to memory usage");
        }

        ElbV2Fake.TargetGroup apiTg = elb.targetGroup("api-tg", 3000).healthCheck("/health", "200")
                .target("10.0.2.11", 3000, "healthy")
                .target("10.0.2.12", 3000, "healthy")
                .target("10.0.2.13", 3000, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]")
                .target("10.0.2.14", 3000, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]");
        Instant deployed = now.minus(Duration.ofMinutes(DemoIncident.API_DEPLOYMENT_MINUTES_AGO));
        cluster.service(DemoIncident.API).counts(4, 4, 0).taskDefinition(DemoIncident.API_BAD_TASK_DEFINITION)
                .loadBalancer(apiTg.arn(), "api", 3000)
                .event("(service api) (deployment ecs-svc/2042) deployment failed: tasks failed to start.", now.minusSeconds(30))
                .event("(service api) (port 3000) is unhealthy in (target-group " + apiTg.arn()
                        + ") due to (reason Health checks failed with these codes: [503]).", now.minusSeconds(90))
                .event("(service api) has started 2 tasks: (task " + DemoIncident.taskId(DemoIncident.API, 1) + ").", deployed);
        cluster.service(DemoIncident.API).deployment("ecs-svc/2042", "PRIMARY", DemoIncident.API_BAD_TASK_DEFINITION)
                .counts(4, 2, 0).failedTasks(3)
                .rollout("FAILED", "ECS deployment circuit breaker: tasks failed to start.")
                .times(deployed, now.minusSeconds(30));
        cluster.service(DemoIncident.API).deployment("ecs-svc/2041", "ACTIVE", "api:41").counts(4, 2, 0)
                .rollout("COMPLETED", "ECS deployment ecs-svc/2041 completed.")
                .times(now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(6)));

        ElbV2Fake.TargetGroup catalogTg = elb.targetGroup("catalog-tg", 8000).healthCheck("/health", "200")
                .target("10.0.3.31", 8000, "healthy")
                .target("10.0.3.32", 8000, "healthy");
        cluster.service(DemoIncident.CATALOG).counts(2, 2, 0).taskDefinition("catalog:9")
                .loadBalancer(catalogTg.arn(), "catalog", 8000)
                .event("(service catalog) has reached a steady state.", now.minus(Duration.ofMinutes(20)));
        cluster.service(DemoIncident.CATALOG).deployment("ecs-svc/3009", "PRIMARY", "catalog:9").counts(2, 2, 0)
                .rollout("COMPLETED", "ECS deployment ecs-svc/3009 completed.")
                .times(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(9)));
    }
}
