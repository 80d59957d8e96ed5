package io.ecsmonitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.ElbV2Fake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.probe.http.HttpChecker;
import io.ecsmonitor.probe.tls.HttpsTestServer;
import io.ecsmonitor.probe.tls.TestCertificates;
import io.ecsmonitor.probe.tls.TlsChecker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The whole probe against the ECS and ELBv2 fakes, spoken to by the real SDK clients. */
class HealthProbeTest {

    private static TestCertificates.Ca ca;
    private FakeAws aws;
    private EcsFake ecs;
    private ElbV2Fake elb;
    private final Instant now = Instant.now();

    @BeforeAll
    static void setUp() {
        FakeAws.useFakeCredentials();
        ca = TestCertificates.ca("probe test CA");
    }

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        ecs = new EcsFake();
        elb = new ElbV2Fake();
        aws.register(ecs).register(elb);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private HealthProbe probe(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod",
                ProbeConfig.HTTP_ATTEMPTS_CONFIG, 2, ProbeConfig.HTTP_PAUSE_MS_CONFIG, 10, ProbeConfig.HTTP_TIMEOUT_MS_CONFIG, 2000));
        props.putAll(extra);
        ProbeConfig config = new ProbeConfig(props);
        AwsSettings settings = AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(config.awsMaxAttempts());
        return new HealthProbe(config, AwsClients.sync(EcsClient.builder(), settings),
                AwsClients.sync(ElasticLoadBalancingV2Client.builder(), settings),
                new HttpChecker(config.httpAttempts(), config.httpPause(), config.httpTimeout(), TestCertificates.clientContext(ca)),
                new TlsChecker(TestCertificates.trusting(ca), config.httpTimeout(), Clock.systemUTC()), Clock.systemUTC());
    }

    private HealthProbe probe() {
        return probe(Map.of());
    }

    private static HealthReport report(List<HealthReport> reports, String service) {
        return reports.stream().filter(r -> r.service().equals(service)).findFirst().orElseThrow();
    }

    private static List<String> codes(HealthReport r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    private ElbV2Fake.TargetGroup healthyService(String name) {
        ElbV2Fake.TargetGroup tg = elb.targetGroup(name + "-tg", 8080)
                .target("10.0.1.5", 8080, "healthy").target("10.0.1.6", 8080, "healthy");
        ecs.cluster("prod").service(name).counts(2, 2, 0).loadBalancer(tg.arn(), "app", 8080)
                .event("(service " + name + ") has reached a steady state.", now.minusSeconds(60))
                .deployment("ecs-svc/1", "PRIMARY", name + ":7").counts(2, 2, 0).rollout("COMPLETED", "ECS deployment ecs-svc/1 completed.");
        return tg;
    }

    @Test
    void shouldReportAHealthyServiceWithCountsAndTargets() {
        healthyService("api");
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(r.cluster()).isEqualTo("prod");
            assertThat(r.summary()).isEqualTo("api: 2/2 tasks running, 2/2 targets healthy");
            assertThat(r.ecs().deployments()).singleElement().satisfies(d -> {
                assertThat(d.taskDefinition()).isEqualTo("api:7");
                assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            });
            assertThat(r.ecs().events()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("steady_state"));
            assertThat(r.targetGroups()).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("api-tg");
                assertThat(g.states()).containsEntry("healthy", 2);
            });
            assertThat(r.findings()).isEmpty();
        }
    }

    @Test
    void shouldDiscoverEveryServiceThroughPagesAndDescribeTheminBatchesOfTen() {
        for (int i = 0; i < 23; i++) {
            ecs.cluster("prod").service(String.format("svc-%02d", i)).counts(1, 1, 0);
        }
        try (HealthProbe p = probe(Map.of(ProbeConfig.STOPPED_TASKS_MAX_CONFIG, 0))) {
            List<HealthReport> reports = p.probe(Map.of());
            assertThat(reports).hasSize(23).allSatisfy(r -> assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY));
            assertThat(reports.get(0).service()).isEqualTo("svc-00");
        }
        assertThat(aws.calls("ListServices")).hasSize(3);
        assertThat(aws.calls("DescribeServices")).hasSize(3).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
    }

    @Test
    void shouldReportFailedTasksAsADeltaBetweenProbes() {
        healthyService("api");
        EcsFake.Deployment next = ecs.cluster("prod").service("api").counts(2, 2, 1)
                .deployment("ecs-svc/2", "PRIMARY", "api:8").counts(2, 0, 1).failedTasks(4).rollout("IN_PROGRESS", "in progress");
        ecs.cluster("prod").service("api").deployment("ecs-svc/1").status("ACTIVE");
        try (HealthProbe p = probe()) {
            HealthReport first = report(p.probe(Map.of()), "api");
            assertThat(first.ecs().deployments().get(0).failedTasks()).isEqualTo(4);
            assertThat(first.ecs().deployments().get(0).failedTasksDelta()).isZero();
            assertThat(codes(first)).doesNotContain("tasks_failed_to_start").contains("deployment_in_progress");

            next.failedTasks(7);
            HealthReport second = report(p.probe(Map.of("api", first)), "api");
            assertThat(second.ecs().deployments().get(0).id()).isEqualTo("ecs-svc/2");
            assertThat(second.ecs().deployments().get(0).failedTasksDelta()).isEqualTo(3);
            assertThat(second.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(second.findings()).filteredOn(f -> f.code().equals("tasks_failed_to_start")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("failedTasksDelta", "3").containsEntry("failedTasks", "7"));

            HealthReport third = report(p.probe(Map.of("api", second)), "api");
            assertThat(third.ecs().deployments().get(0).failedTasksDelta()).isZero();
            assertThat(codes(third)).doesNotContain("tasks_failed_to_start");
        }
    }

    @Test
    void shouldBeUnhealthyWhenTheRolloutFailedWithTheEventsAndTheStoppedTasksCause() {
        ecs.cluster("prod").service("api").counts(2, 0, 0)
                .event("(service api) has reached a steady state.", now.minusSeconds(3600))
                .event("(service api) (deployment ecs-svc/2) deployment failed: tasks failed to start.", now.minusSeconds(120))
                .event("(service api) rolling back to deployment ecs-svc/1.", now.minusSeconds(60))
                .deployment("ecs-svc/2", "PRIMARY", "api:8").counts(2, 0, 0).failedTasks(3)
                .rollout("FAILED", "ECS deployment circuit breaker: tasks failed to start.");
        ecs.cluster("prod").stoppedTask("api", "0f1e").taskDefinition("api:8").stopCode("EssentialContainerExited")
                .stoppedReason("Essential container in task exited").times(now.minusSeconds(200), now.minusSeconds(100))
                .container("app", 137, "OutOfMemoryError: Container killed due to memory usage");
        ecs.cluster("prod").stoppedTask("api", "aaaa").stopCode("ServiceSchedulerInitiated")
                .stoppedReason("Scaling activity initiated by (deployment ecs-svc/1)").times(now.minusSeconds(900), now.minusSeconds(400))
                .container("app", 0, null);
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(codes(r)).contains("no_tasks_running", "rollout_failed", "deployment_failed", "rolling_back", "task_oom_killed");
            assertThat(r.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(r.stoppedTasks()).extracting(HealthReport.StoppedTask::taskId).containsExactly("0f1e", "aaaa");
            assertThat(r.stoppedTasks().get(0).cause()).isEqualTo("oom_killed");
            assertThat(r.stoppedTasks().get(1).cause()).isNull();
            assertThat(r.findings()).filteredOn(f -> f.code().equals("task_oom_killed")).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("exitCode", "137").containsEntry("container", "app")
                        .containsEntry("latestTask", "0f1e");
            });
            assertThat(r.findings()).filteredOn(f -> f.code().equals("rollout_failed")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("circuit breaker"));
        }
    }

    @Test
    void shouldIgnoreEventsOlderThanTheLastSteadyState() {
        healthyService("api");
        ecs.cluster("prod").service("api")
                .event("(service api) was unable to place a task. Reason: No Container Instances were found in your cluster.",
                        now.minusSeconds(30));
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.findings()).filteredOn(f -> f.code().equals("unable_to_place")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("reason", "No Container Instances were found in your cluster"));
        }
        ecs.cluster("prod").service("api").event("(service api) has reached a steady state.", now.minusSeconds(5));
        try (HealthProbe p = probe()) {
            assertThat(codes(report(p.probe(Map.of()), "api"))).doesNotContain("unable_to_place");
        }
    }

    @Test
    void shouldNameTheReasonCodesOfUnhealthyTargets() {
        ElbV2Fake.TargetGroup tg = elb.targetGroup("api-tg", 8080)
                .target("10.0.1.5", 8080, "healthy")
                .target("10.0.1.6", 8080, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]")
                .target("10.0.1.7", 8080, "unhealthy", "Target.Timeout", "Request timed out");
        ecs.cluster("prod").service("api").counts(3, 3, 0).loadBalancer(tg.arn(), "app", 8080);
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(r.targetGroups().get(0).states()).containsEntry("healthy", 1).containsEntry("unhealthy", 2);
            assertThat(r.targetGroups().get(0).unhealthy()).extracting(HealthReport.TargetState::reasonCode)
                    .containsExactly("Target.ResponseCodeMismatch", "Target.Timeout");
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("targets_unhealthy");
                assertThat(f.evidence()).containsEntry("reasons", "Target.ResponseCodeMismatch x1, Target.Timeout x1");
                assertThat(f.message()).contains("[502]");
            });
        }
        tg.clearTargets().target("10.0.1.6", 8080, "unhealthy", "Target.Timeout", "Request timed out");
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
        }
    }

    @Test
    void shouldMakeThePartAMissingPermissionHidesUnknownAndNameThePermission() {
        healthyService("api");
        aws.failAlways("DescribeTargetHealth", ElbV2Fake.accessDenied("DescribeTargetHealth"));
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(r.ecs().running()).isEqualTo(2);
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
                assertThat(f.code()).isEqualTo("aws_error");
                assertThat(f.evidence()).containsEntry("permission", "elasticloadbalancing:DescribeTargetHealth")
                        .containsEntry("kind", "access_denied").containsEntry("errorCode", "AccessDenied");
                assertThat(f.message()).contains("grant elasticloadbalancing:DescribeTargetHealth");
            });
        }
        assertThat(aws.calls("DescribeTargetHealth")).hasSize(1);
    }

    @Test
    void shouldReportTheClusterWhenServicesCannotBeListed() {
        healthyService("api");
        aws.failAlways("ListServices", EcsFake.accessDenied("ListServices"));
        try (HealthProbe p = probe()) {
            List<HealthReport> reports = p.probe(Map.of());
            assertThat(reports).singleElement().satisfies(r -> {
                assertThat(r.service()).isEqualTo(HealthReport.CLUSTER_KEY);
                assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
                assertThat(r.findings().get(0).evidence()).containsEntry("permission", "ecs:ListServices");
            });
        }
    }

    @Test
    void shouldReportAServiceThatDoesNotExist() {
        healthyService("api");
        try (HealthProbe p = probe(Map.of(ProbeConfig.SERVICES_CONFIG, "api,ghost"))) {
            List<HealthReport> reports = p.probe(Map.of());
            assertThat(reports).extracting(HealthReport::service).containsExactly("api", "ghost");
            assertThat(report(reports, "ghost").status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(codes(report(reports, "ghost"))).containsExactly("service_not_found");
        }
    }

    @Test
    void shouldRetryThrottledCallsWithBackoffAndStillReport() {
        healthyService("api");
        aws.failNext("DescribeServices", 2, EcsFake.throttling());
        try (HealthProbe p = probe()) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.HEALTHY);
        }
        assertThat(aws.calls("DescribeServices")).extracting(FakeAws.Call::status).containsExactly(400, 400, 200);
    }

    @Test
    void shouldGiveUpOnThrottlingAfterTheBoundedAttemptsAsUnknown() {
        healthyService("api");
        aws.failAlways("DescribeServices", EcsFake.throttling());
        try (HealthProbe p = probe(Map.of(ProbeConfig.AWS_MAX_ATTEMPTS_CONFIG, 2))) {
            HealthReport r = report(p.probe(Map.of()), "api");
            assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(r.findings().get(0).evidence()).containsEntry("kind", "throttled").containsEntry("permission", "ecs:DescribeServices");
        }
        assertThat(aws.calls("DescribeServices")).hasSize(2);
    }

    @Test
    void shouldCheckTheDomainOverHttpsAndItsCertificate() {
        healthyService("api");
        try (HttpsTestServer site = new HttpsTestServer(TestCertificates.leaf(ca, "localhost", Duration.ofDays(5).plusHours(1)));
             HealthProbe p = probe(Map.of(ProbeConfig.DOMAIN_CONFIG, "localhost:" + site.port(), ProbeConfig.SERVICES_CONFIG, "api"))) {
            List<HealthReport> reports = p.probe(Map.of());
            HealthReport endpoints = report(reports, HealthReport.ENDPOINTS_KEY);
            assertThat(endpoints.http()).singleElement().satisfies(h -> {
                assertThat(h.url()).isEqualTo("https://localhost:" + site.port() + "/");
                assertThat(h.ok()).isTrue();
                assertThat(h.status()).isEqualTo(200);
            });
            assertThat(endpoints.tls()).singleElement().satisfies(t -> {
                assertThat(t.daysLeft()).isEqualTo(5);
                assertThat(t.chainValid()).isTrue();
                assertThat(t.hostMatches()).isTrue();
            });
            assertThat(endpoints.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(codes(endpoints)).containsExactly("tls_expiring");
        }
    }
}
