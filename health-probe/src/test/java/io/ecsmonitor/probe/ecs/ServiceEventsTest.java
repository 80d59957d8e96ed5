package io.ecsmonitor.probe.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceEventsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            service api has reached a steady state.                                                             | steady_state      |
            (service api) has reached a steady state.                                                           | steady_state      |
            service api was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. | unable_to_place | No Container Instances were found in your cluster
            (service api) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5e5e) has insufficient memory available. | unable_to_place | no container instance met all of its requirements. The closest matching (container-instance 5e5e) has insufficient memory available
            service api (instance i-0abc) (port 8080) is unhealthy in target-group api-tg due to (reason Request timed out) | target_unhealthy | Request timed out
            (service api) (task 3f0c1d) (port 8080) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api-tg/ab) due to (reason Health checks failed with these codes: [502]). | target_unhealthy | Health checks failed with these codes: [502]
            (service api) failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::1:role/x').   | failed_to_launch  | ECS was unable to assume the role 'arn:aws:iam::1:role/x'
            service api failed to launch a task with (error ECS was unable to assume the role).                 | failed_to_launch  | ECS was unable to assume the role
            (service api) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section. | failed_to_launch |
            (service api) (deployment ecs-svc/123) deployment failed: tasks failed to start.                    | deployment_failed |
            service api deployment ecs-svc/123 deployment failed: tasks failed to start.                        | deployment_failed |
            (service api) rolling back to deployment ecs-svc/122.                                               | rolling_back      |
            service api rolling back to deployment ecs-svc/122.                                                 | rolling_back      |
            (service api) has stopped 2 running tasks: (task a1) (task b2).                                     | stopped_tasks     | 2
            service api has stopped 1 running tasks: task a1.                                                   | stopped_tasks     | 1
            (service api) has started 3 tasks: (task a1) (task b2) (task c3).                                   | started_tasks     | 3
            service api has started 1 tasks: task a1.                                                           | started_tasks     | 1
            (service api) has begun draining connections on 1 tasks.                                            | draining          |
            service api has begun draining connections on 2 tasks.                                              | draining          |
            (service api) deregistered 1 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api-tg/ab) | draining |
            (service api) registered 1 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api-tg/ab) | other |
            """)
    void shouldParseBothWordingsIntoKindsAndDetails(String message, String kind, String detail) {
        assertThat(ServiceEvents.kind(message)).isEqualTo(kind);
        assertThat(ServiceEvents.detail(kind, message)).isEqualTo(detail);
    }
}
