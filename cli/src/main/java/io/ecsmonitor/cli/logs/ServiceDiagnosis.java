package io.ecsmonitor.cli.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.RestartEvent;
import java.util.List;
import java.util.Map;

/**
 * What the logs of one service say over a window: the result of {@code logs diagnose} for a service,
 * and the source of its {@code logs summary} line.
 *
 * @param service         the ECS service
 * @param cluster         the cluster, or null when not set
 * @param logGroup        the log group read
 * @param status          the verdict in one word
 * @param verdict         the verdict in one sentence
 * @param problem         why the logs could not be read, or null
 * @param events          CloudWatch events read
 * @param stitchedEvents  events after stitching multi-line traces
 * @param errors          stitched events with an error category
 * @param noise           health-check events, left out of the errors and of {@code httpStatus}
 * @param categories      errors per category, in precedence order; categories with none left out
 * @param httpStatus      responses per HTTP status of access-log records, noise excluded, by status
 * @param topFingerprints the most frequent error templates, most frequent first
 * @param restarts        restarts found (at most {@code --limit}, the newest), oldest first
 * @param restartCount    restarts found in all
 * @param crashLoop       true when a restart was flagged as part of a crash loop
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceDiagnosis(String service, String cluster, String logGroup, Status status, String verdict,
                               Problem problem, long events, long stitchedEvents, long errors, long noise,
                               Map<Category, Long> categories, Map<String, Long> httpStatus,
                               List<FingerprintSummary> topFingerprints, List<RestartEvent> restarts,
                               int restartCount, boolean crashLoop) {

    /** The verdict in one word; the order is from best to worst, UNKNOWN last. */
    public enum Status { OK, WARNING, CRITICAL, UNKNOWN }

    /**
     * Why a service's logs could not be read.
     *
     * @param kind       not_found, denied, throttled or failed
     * @param message    one sentence that says what to do
     * @param permission the missing IAM permission, when that is the reason
     * @param pattern    the {@code ECS_LOG_PATTERN} that made the log group name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String kind, String message, String permission, String pattern) {
    }

    /**
     * One error template.
     *
     * @param fingerprint 16 hex digits
     * @param category    its category
     * @param count       events of it
     * @param sample      the first line of its first event, redacted
     * @param firstSeen   ms since the epoch
     * @param lastSeen    ms since the epoch
     */
    public record FingerprintSummary(String fingerprint, Category category, long count, String sample, long firstSeen,
                                     long lastSeen) {
    }

    /** A diagnosis of a service whose logs could not be read. */
    public static ServiceDiagnosis failed(String service, String cluster, String logGroup, Problem problem) {
        return new ServiceDiagnosis(service, cluster, logGroup, Status.UNKNOWN, problem.message(), problem, 0, 0, 0, 0,
                Map.of(), Map.of(), List.of(), List.of(), 0, false);
    }

    /** Non-noise responses with a 5xx status. */
    public long http5xx() {
        return httpStatus.entrySet().stream().filter(e -> e.getKey().startsWith("5")).mapToLong(Map.Entry::getValue).sum();
    }
}
