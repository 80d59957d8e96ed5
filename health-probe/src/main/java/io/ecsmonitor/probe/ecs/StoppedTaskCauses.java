package io.ecsmonitor.probe.ecs;

import io.ecsmonitor.core.model.HealthReport.ContainerExit;
import java.util.List;
import java.util.Map;

/**
 * Recognises why a task stopped, from its stop code, stopped reason and its containers' exits. A
 * stop the service scheduler or a person asked for (scaling, a deployment replacing the task, exit 0)
 * has no cause.
 */
public final class StoppedTaskCauses {

    public static final String OOM_KILLED = "oom_killed";
    public static final String EXIT_137 = "exit_137";
    public static final String SEGFAULT = "segfault";
    public static final String ABORT = "abort";
    public static final String IMAGE_PULL_FAILED = "image_pull_failed";
    public static final String RESOURCE_INITIALIZATION_FAILED = "resource_initialization_failed";
    public static final String ELB_HEALTH_CHECK_FAILED = "elb_health_check_failed";
    public static final String CONTAINER_HEALTH_CHECK_FAILED = "container_health_check_failed";
    public static final String FAILED_TO_START = "failed_to_start";
    public static final String EXITED = "exited";

    /** A sentence per cause, for findings. */
    public static final Map<String, String> DESCRIPTIONS = Map.of(
            OOM_KILLED, "killed for using more memory than the task or container limit (OutOfMemoryError)",
            EXIT_137, "killed with SIGKILL (exit 137), usually out of memory or not stopping within the stop timeout",
            SEGFAULT, "crashed with a segmentation fault (exit 139)",
            ABORT, "aborted (exit 134, SIGABRT)",
            IMAGE_PULL_FAILED, "could not pull the container image (CannotPullContainerError)",
            RESOURCE_INITIALIZATION_FAILED, "could not initialise its resources: secrets, logs or network (ResourceInitializationError)",
            ELB_HEALTH_CHECK_FAILED, "failed the load balancer's health checks",
            CONTAINER_HEALTH_CHECK_FAILED, "failed its container health check",
            FAILED_TO_START, "failed to start",
            EXITED, "exited with a non-zero code");

    private StoppedTaskCauses() {
    }

    /** The recognised cause, or null when the stop was an ordinary one. */
    public static String cause(String stopCode, String stoppedReason, List<ContainerExit> containers) {
        String reason = stoppedReason == null ? "" : stoppedReason;
        StringBuilder all = new StringBuilder(reason);
        for (ContainerExit c : containers) {
            if (c.reason() != null) {
                all.append('\n').append(c.reason());
            }
        }
        String text = all.toString();
        if (text.contains("OutOfMemoryError") || text.contains("Container killed due to memory usage")) {
            return OOM_KILLED;
        }
        if (text.contains("CannotPullContainerError")) {
            return IMAGE_PULL_FAILED;
        }
        if (text.contains("ResourceInitializationError")) {
            return RESOURCE_INITIALIZATION_FAILED;
        }
        if (reason.contains("failed ELB health checks") || reason.contains("failed ELB health check")) {
            return ELB_HEALTH_CHECK_FAILED;
        }
        if (reason.contains("failed container health checks") || reason.contains("failed container health check")) {
            return CONTAINER_HEALTH_CHECK_FAILED;
        }
        for (ContainerExit c : containers) {
            if (c.exitCode() != null) {
                switch (c.exitCode()) {
                    case 137 -> {
                        return EXIT_137;
                    }
                    case 139 -> {
                        return SEGFAULT;
                    }
                    case 134 -> {
                        return ABORT;
                    }
                    default -> {
                    }
                }
            }
        }
        if ("TaskFailedToStart".equals(stopCode) || text.contains("CannotStartContainerError")
                || text.contains("CannotCreateContainerError")) {
            return FAILED_TO_START;
        }
        if ("EssentialContainerExited".equals(stopCode)
                && containers.stream().anyMatch(c -> c.exitCode() != null && c.exitCode() != 0)) {
            return EXITED;
        }
        return null;
    }
}
