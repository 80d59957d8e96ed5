package io.ecsmonitor.awsfakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** The ECS fake, spoken to by the real SDK client. */
class EcsFakeTest {

    private FakeAws aws;
    private EcsFake fake;
    private EcsClient ecs;

    @BeforeAll
    static void credentials() {
        FakeAws.useFakeCredentials();
    }

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        fake = new EcsFake();
        aws.register(fake);
        ecs = AwsClients.sync(EcsClient.builder(), AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(1));
    }

    @AfterEach
    void stop() {
        ecs.close();
        aws.close();
    }

    @Test
    void shouldPaginateListServicesTenPerPageLikeAws() {
        for (int i = 0; i < 25; i++) {
            fake.cluster("prod").service(String.format("svc-%02d", i)).counts(1, 1, 0);
        }
        List<String> arns = new ArrayList<>();
        ecs.listServicesPaginator(r -> r.cluster("prod")).serviceArns().forEach(arns::add);

        assertThat(arns).hasSize(25).doesNotHaveDuplicates();
        assertThat(arns.get(0)).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/prod/svc-00");
        assertThat(aws.calls("ListServices")).hasSize(3);
    }

    @Test
    void shouldDescribeServicesWithDeploymentsEventsAndLoadBalancers() {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        fake.cluster("prod").service("api").counts(2, 1, 1).loadBalancer("arn:tg/api", "app", 8080)
                .event("(service api) has reached a steady state.", at)
                .event("(service api) was unable to place a task.", at.plusSeconds(60))
                .deployment("ecs-svc/2", "PRIMARY", "api:8").counts(2, 1, 1).failedTasks(3)
                .rollout("IN_PROGRESS", "ECS deployment ecs-svc/2 in progress.").times(at, at.plusSeconds(5));
        fake.cluster("prod").service("api").deployment("ecs-svc/1", "ACTIVE", "api:7").counts(0, 0, 0)
                .rollout("COMPLETED", "ECS deployment ecs-svc/1 completed.");

        DescribeServicesResponse r = ecs.describeServices(b -> b.cluster("prod").services("api", "gone"));

        Service api = r.services().get(0);
        assertThat(api.serviceName()).isEqualTo("api");
        assertThat(api.desiredCount()).isEqualTo(2);
        assertThat(api.runningCount()).isEqualTo(1);
        assertThat(api.pendingCount()).isEqualTo(1);
        assertThat(api.loadBalancers().get(0).targetGroupArn()).isEqualTo("arn:tg/api");
        assertThat(api.deployments()).extracting(d -> d.id()).containsExactly("ecs-svc/2", "ecs-svc/1");
        assertThat(api.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        assertThat(api.deployments().get(0).failedTasks()).isEqualTo(3);
        assertThat(api.deployments().get(0).taskDefinition()).endsWith("task-definition/api:8");
        assertThat(api.deployments().get(0).createdAt()).isEqualTo(at);
        assertThat(api.events()).extracting(e -> e.message())
                .containsExactly("(service api) was unable to place a task.", "(service api) has reached a steady state.");
        assertThat(api.events().get(1).createdAt()).isEqualTo(at);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).endsWith("service/prod/gone");
        });
    }

    @Test
    void shouldRejectMoreThanTenServicesPerDescribeServicesCallLikeAws() {
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("s" + i);
            fake.cluster("prod").service("s" + i);
        }
        assertThatThrownBy(() -> ecs.describeServices(b -> b.cluster("prod").services(eleven)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void shouldListAndDescribeStoppedTasksWithContainerExits() {
        Instant stopped = Instant.parse("2026-11-20T10:05:00Z");
        fake.cluster("prod").stoppedTask("api", "a1b2").taskDefinition("api:8").stopCode("EssentialContainerExited")
                .stoppedReason("Essential container in task exited").times(stopped.minusSeconds(300), stopped)
                .container("app", 137, "OutOfMemoryError: Container killed due to memory usage")
                .container("sidecar", null, null);
        fake.cluster("prod").runningTask("api", "c3d4");
        fake.cluster("prod").stoppedTask("worker", "e5f6");

        List<String> stoppedArns = ecs.listTasks(b -> b.cluster("prod").serviceName("api").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertThat(stoppedArns).containsExactly("arn:aws:ecs:us-east-1:123456789012:task/prod/a1b2");

        Task t = ecs.describeTasks(b -> b.cluster("prod").tasks(stoppedArns)).tasks().get(0);
        assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(t.stoppedAt()).isEqualTo(stopped);
        assertThat(t.containers()).extracting(c -> c.name(), c -> c.exitCode(), c -> c.reason()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("app", 137, "OutOfMemoryError: Container killed due to memory usage"),
                org.assertj.core.groups.Tuple.tuple("sidecar", null, null));
    }

    @Test
    void shouldAnswerAMissingClusterWithClusterNotFound() {
        assertThatThrownBy(() -> ecs.listServices(b -> b.cluster("nope"))).isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void shouldAnswerAccessDeniedLikeEcsNamingThePermission() {
        fake.cluster("prod").service("api");
        aws.failAlways("DescribeServices", EcsFake.accessDenied("DescribeServices"));

        assertThatThrownBy(() -> ecs.describeServices(b -> b.cluster("prod").services("api")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("not authorized to perform: ecs:DescribeServices");
                });
    }

    @Test
    void shouldAnswerThrottlingSoTheSdkRetriesIt() {
        fake.cluster("prod").service("api").counts(1, 1, 0);
        aws.failNext("ListServices", 1, EcsFake.throttling());

        assertThatThrownBy(() -> ecs.listServices(b -> b.cluster("prod")))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        try (EcsClient retrying = AwsClients.sync(EcsClient.builder(),
                AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(3))) {
            aws.failNext("ListServices", 1, EcsFake.throttling());
            assertThat(retrying.listServices(b -> b.cluster("prod")).serviceArns()).hasSize(1);
        }
        assertThat(aws.calls("ListServices")).extracting(FakeAws.Call::status).containsExactly(400, 400, 200);
    }
}
