package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with one service, why ecs-monitor thinks so and what to do: the health report, the
 * error statistics and the restarts of the service judged together. Carried by every {@link Alert} on
 * {@code ecs-monitor.alerts}.
 *
 * <pre>{@code
 * {"service":"api","cluster":"prod","evaluatedAt":1763770200000,"status":"CRITICAL",
 *  "headline":"OOM crash loop",
 *  "summary":"api: OOM crash loop — 3 restarts in 10 min after OutOfMemoryError; 2/4 targets unhealthy (Target.Timeout)",
 *  "causes":[{"code":"crash_loop","status":"CRITICAL","title":"OOM crash loop",
 *             "detail":"3 restarts in 10 min after OutOfMemoryError","evidence":["..."]}],
 *  "counts":[{"minutes":5,"events":420,"errors":31,"categories":{"oom":3},"requests":0,"http5xx":0,"restarts":2}],
 *  "topFingerprints":[...],"newPatterns":[...],"deployment":null,
 *  "nextSteps":["Raise the memory limit of the task definition ..."],
 *  "links":[{"label":"CloudWatch Logs Insights","url":"https://..."}]}
 * }</pre>
 *
 * @param service         ECS service, or {@value HealthReport#ENDPOINTS_KEY} for the domain and endpoint checks
 * @param cluster         ECS cluster; null when unknown
 * @param evaluatedAt     the time the diagnosis describes, ms since the epoch: the event time of the newest
 *                        input, moved on by the wall clock while no input arrives
 * @param status          the verdict: the worst status among {@code causes}, OK when there is none
 * @param headline        a few words naming the top cause ({@code OOM crash loop}), {@code healthy} when OK
 * @param summary         one sentence a person can act on: service, headline, the top evidence
 * @param causes          probable causes, most probable first (CRITICAL before WARNING, then by rule order)
 * @param counts          log and restart counts over the last 5, 15 and 60 minutes
 * @param topFingerprints the most frequent error templates of the last 15 minutes, with a redacted sample each
 * @param newPatterns     error templates first seen for the service recently, never before within the
 *                        fingerprint retention period
 * @param deployment      the deployment the trouble started in, or null when none matches
 * @param nextSteps       what to do, most useful first
 * @param links           consoles to open: CloudWatch Logs Insights with a ready query, the ECS service
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnosis(String service, String cluster, long evaluatedAt, Status status, String headline,
                        String summary, List<Cause> causes, List<WindowCounts> counts,
                        List<FingerprintCount> topFingerprints, List<FingerprintCount> newPatterns,
                        DeploymentCorrelation deployment, List<String> nextSteps, List<Link> links) {

    /** The verdict of a diagnosis, from best to worst. */
    public enum Status {
        OK, WARNING, CRITICAL;

        /** The worse of this and {@code other}. */
        public Status worst(Status other) {
            return other != null && other.ordinal() > ordinal() ? other : this;
        }
    }

    /**
     * One probable cause, with the facts it rests on.
     *
     * @param code     a stable identifier of the rule that found it: {@code crash_loop}, {@code crash_errors},
     *                 {@code tasks_oom_killed}, {@code tasks_stopped}, {@code rollout_failed},
     *                 {@code running_below_desired}, {@code targets_unhealthy}, {@code http_5xx_share},
     *                 {@code error_rate_spike}, {@code new_error_pattern}, {@code restarts},
     *                 {@code http_check_failed}, {@code tls_expiring}, {@code tls_invalid}, or a health-probe
     *                 finding code passed through
     * @param status   WARNING or CRITICAL
     * @param title    a few words ({@code OOM crash loop}, {@code failed rollout})
     * @param detail   the key fact in a phrase ({@code 3 restarts in 10 min after OutOfMemoryError})
     * @param evidence every fact behind it, one sentence each: counts, samples, reason codes, exit codes
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Cause(String code, Status status, String title, String detail, List<String> evidence) {
    }

    /**
     * Counts over the last {@code minutes} minutes up to {@code evaluatedAt}.
     *
     * @param minutes    the span: 5, 15 or 60
     * @param events     log events, noise included
     * @param errors     error events
     * @param categories errors per category, categories with none left out
     * @param requests   access-log requests (non-noise lines with an HTTP status)
     * @param http5xx    of which answered with a 5xx status
     * @param restarts   task and container restarts
     */
    public record WindowCounts(int minutes, long events, long errors, Map<Category, Long> categories, long requests,
                               long http5xx, long restarts) {
    }

    /**
     * The deployment during whose rollout the trouble started.
     *
     * @param deploymentId   ECS deployment id
     * @param taskDefinition its task definition
     * @param status         PRIMARY, ACTIVE or INACTIVE
     * @param rolloutState   IN_PROGRESS, COMPLETED or FAILED; null when not reported
     * @param startedAt      when the deployment was created, ms since the epoch
     * @param troubleStartedAt when the first error burst or restart after it was seen, ms since the epoch
     * @param previousTaskDefinition the task definition of the deployment before it (to roll back to), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeploymentCorrelation(String deploymentId, String taskDefinition, String status, String rolloutState,
                                        long startedAt, long troubleStartedAt, String previousTaskDefinition) {
    }

    /**
     * A console link.
     *
     * @param label what it opens
     * @param url   the URL
     */
    public record Link(String label, String url) {
    }
}
