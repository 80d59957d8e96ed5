package io.ecsmonitor.probe.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.HealthReport.ContainerExit;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoppedTaskCausesTest {

    private static String cause(String stopCode, String reason, ContainerExit... containers) {
        return StoppedTaskCauses.cause(stopCode, reason, List.of(containers));
    }

    @Test
    void shouldRecogniseOomFromTheContainerReasonBeforeTheExitCode() {
        assertThat(cause("EssentialContainerExited", "Essential container in task exited",
                new ContainerExit("app", 137, "OutOfMemoryError: Container killed due to memory usage")))
                .isEqualTo(StoppedTaskCauses.OOM_KILLED);
    }

    @Test
    void shouldNameExitCodesOfSignals() {
        assertThat(cause("EssentialContainerExited", "Essential container in task exited", new ContainerExit("app", 137, null)))
                .isEqualTo(StoppedTaskCauses.EXIT_137);
        assertThat(cause("EssentialContainerExited", "Essential container in task exited", new ContainerExit("app", 139, null)))
                .isEqualTo(StoppedTaskCauses.SEGFAULT);
        assertThat(cause("EssentialContainerExited", "Essential container in task exited", new ContainerExit("app", 134, null)))
                .isEqualTo(StoppedTaskCauses.ABORT);
        assertThat(cause("EssentialContainerExited", "Essential container in task exited", new ContainerExit("app", 1, null)))
                .isEqualTo(StoppedTaskCauses.EXITED);
    }

    @Test
    void shouldRecogniseStartFailuresAndHealthChecks() {
        assertThat(cause("TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried 5 time(s): "
                + "failed to resolve ref 1.dkr.ecr.us-east-1.amazonaws.com/api:v9: not found"))
                .isEqualTo(StoppedTaskCauses.IMAGE_PULL_FAILED);
        assertThat(cause("TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth: "
                + "execution resource retrieval failed"))
                .isEqualTo(StoppedTaskCauses.RESOURCE_INITIALIZATION_FAILED);
        assertThat(cause("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:"
                + "us-east-1:1:targetgroup/api-tg/ab)", new ContainerExit("app", 143, null)))
                .isEqualTo(StoppedTaskCauses.ELB_HEALTH_CHECK_FAILED);
        assertThat(cause("ServiceSchedulerInitiated", "Task failed container health checks", new ContainerExit("app", 143, null)))
                .isEqualTo(StoppedTaskCauses.CONTAINER_HEALTH_CHECK_FAILED);
    }

    @Test
    void shouldGiveNoCauseToOrdinaryStops() {
        assertThat(cause("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/123)",
                new ContainerExit("app", 0, null))).isNull();
        assertThat(cause("UserInitiated", "Task stopped by user", new ContainerExit("app", 143, null))).isNull();
    }
}
