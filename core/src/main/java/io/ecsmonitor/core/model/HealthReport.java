package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What the health probe found for one service (or, with service {@value #ENDPOINTS_KEY}, for the
 * domain and endpoint checks): the value of the compacted topic {@code ecs-monitor.health}, key service,
 * and the per-service entry of the {@code ECS_HEALTH_STATE} file.
 *
 * @param service      ECS service name, or {@value #ENDPOINTS_KEY}, or {@value #CLUSTER_KEY}
 * @param cluster      ECS cluster
 * @param probedAt     when the probe ran, ms since the epoch
 * @param status       the overall verdict
 * @param summary      one sentence a person can act on
 * @param ecs          the ECS service state; null when not probed or not readable
 * @param stoppedTasks recently stopped tasks, newest first
 * @param targetGroups ALB target health per target group of the service
 * @param http         HTTP endpoint checks
 * @param tls          TLS certificate checks
 * @param findings     every finding, most severe first; a check that an AWS error stopped is a finding of severity UNKNOWN
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String service, String cluster, long probedAt, HealthStatus status, String summary,
                           EcsState ecs, List<StoppedTask> stoppedTasks, List<TargetGroupHealth> targetGroups,
                           List<HttpCheck> http, List<TlsCheck> tls, List<Finding> findings) {

    /** The key of the report that holds the domain and endpoint checks. */
    public static final String ENDPOINTS_KEY = "_endpoints";

    /**
     * The key of the report written when the cluster's services could not be listed (ListServices
     * failed and {@code ECS_SERVICES} is not set), so the failure is not lost.
     */
    public static final String CLUSTER_KEY = "_cluster";

    /** The verdict, from best to worst except UNKNOWN. */
    public enum HealthStatus { HEALTHY, DEGRADED, UNHEALTHY, UNKNOWN }

    /** How much a finding weighs. */
    public enum Severity { INFO, WARNING, CRITICAL, UNKNOWN }

    /**
     * One structured reason behind the verdict.
     *
     * @param severity how much it weighs; UNKNOWN when a check could not run (AWS error, permission)
     * @param code     a stable identifier: {@code running_below_desired}, {@code rollout_failed},
     *                 {@code task_oom_killed}, {@code targets_unhealthy}, {@code http_failed},
     *                 {@code tls_expiring}, {@code tls_invalid}, {@code aws_error}, …
     * @param message  one sentence for a person
     * @param evidence the facts it rests on (counts, reason codes, exit codes, the missing IAM permission)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Finding(Severity severity, String code, String message, Map<String, String> evidence) {
    }

    /**
     * ECS's own view of the service.
     *
     * @param status      ACTIVE, DRAINING or INACTIVE
     * @param desired     desired count
     * @param running     running count
     * @param pending     pending count
     * @param deployments every deployment, PRIMARY first
     * @param events      recent service events, newest first, parsed into kinds
     */
    public record EcsState(String status, int desired, int running, int pending, List<Deployment> deployments,
                           List<ServiceEvent> events) {
    }

    /**
     * One deployment of the service.
     *
     * @param id                 deployment id
     * @param status             PRIMARY, ACTIVE or INACTIVE
     * @param taskDefinition     task definition ARN or family:revision
     * @param desired            desired count
     * @param running            running count
     * @param pending            pending count
     * @param failedTasks        failed tasks as ECS reports them (a running total)
     * @param failedTasksDelta   failed tasks since the previous probe
     * @param rolloutState       IN_PROGRESS, COMPLETED or FAILED; null when the service does not report it
     * @param rolloutStateReason why
     * @param createdAt          ms since the epoch
     * @param updatedAt          ms since the epoch
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deployment(String id, String status, String taskDefinition, int desired, int running, int pending,
                             int failedTasks, int failedTasksDelta, String rolloutState, String rolloutStateReason,
                             long createdAt, long updatedAt) {
    }

    /**
     * One ECS service event.
     *
     * @param id        event id
     * @param createdAt ms since the epoch
     * @param kind      {@code steady_state}, {@code unable_to_place}, {@code target_unhealthy},
     *                  {@code failed_to_launch}, {@code deployment_failed}, {@code rolling_back},
     *                  {@code stopped_tasks}, {@code started_tasks}, {@code draining} or {@code other}
     * @param message   the event text
     * @param detail    what was parsed out of it (the reason of an unhealthy target), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceEvent(String id, long createdAt, String kind, String message, String detail) {
    }

    /**
     * A recently stopped task.
     *
     * @param taskId         task id
     * @param taskDefinition task definition
     * @param stopCode       ECS stop code (EssentialContainerExited, TaskFailedToStart, …)
     * @param stoppedReason  ECS stopped reason
     * @param cause          the recognised cause: {@code oom_killed}, {@code exit_137}, {@code segfault},
     *                       {@code abort}, {@code image_pull_failed}, {@code resource_initialization_failed},
     *                       {@code elb_health_check_failed}, {@code container_health_check_failed},
     *                       {@code exited}, or null
     * @param startedAt      ms since the epoch, 0 when it never started
     * @param stoppedAt      ms since the epoch
     * @param containers     each container's exit
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoppedTask(String taskId, String taskDefinition, String stopCode, String stoppedReason, String cause,
                              long startedAt, long stoppedAt, List<ContainerExit> containers) {
    }

    /**
     * How one container of a stopped task ended.
     *
     * @param name     container name
     * @param exitCode exit code, null when it has none
     * @param reason   ECS's reason, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContainerExit(String name, Integer exitCode, String reason) {
    }

    /**
     * ALB target health of one target group.
     *
     * @param arn       target group ARN
     * @param name      target group name
     * @param states    targets per state (healthy, unhealthy, initial, draining, unused, unavailable)
     * @param unhealthy every target not healthy, with its reason
     */
    public record TargetGroupHealth(String arn, String name, Map<String, Integer> states, List<TargetState> unhealthy) {
    }

    /**
     * One target that is not healthy.
     *
     * @param id          target id (instance id or IP)
     * @param port        target port
     * @param state       its state
     * @param reasonCode  {@code Target.Timeout}, {@code Target.ResponseCodeMismatch}, …
     * @param description ELB's description, with the codes of a mismatch
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetState(String id, int port, String state, String reasonCode, String description) {
    }

    /**
     * One HTTP endpoint check.
     *
     * @param url       the URL
     * @param ok        true when an attempt answered with a 2xx or 3xx status
     * @param status    status of the last attempt, 0 when none answered
     * @param latencyMs latency of the last attempt
     * @param attempts  attempts made
     * @param error     the last error (timeout, refused, …), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HttpCheck(String url, boolean ok, int status, long latencyMs, int attempts, String error) {
    }

    /**
     * One TLS certificate check.
     *
     * @param host        host name checked
     * @param port        port
     * @param daysLeft    whole days until expiry (negative when expired)
     * @param notAfter    expiry, ms since the epoch
     * @param subject     certificate subject
     * @param issuer      certificate issuer
     * @param hostMatches true when the subject or a SAN matches the host
     * @param chainValid  true when the chain validates against the default trust store
     * @param error       why the check could not complete, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TlsCheck(String host, int port, long daysLeft, long notAfter, String subject, String issuer,
                           boolean hostMatches, boolean chainValid, String error) {
    }
}
