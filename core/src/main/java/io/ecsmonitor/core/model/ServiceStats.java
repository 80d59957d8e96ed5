package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What one service logged in one event-time window: the value of {@code ecs-monitor.stats}. Emitted
 * while the window is open, each update replacing the previous one for the same
 * {@code (service, windowStart)}.
 *
 * <pre>{@code
 * {"service":"api","windowStart":1763770020000,"windowEnd":1763770080000,"events":1200,"errors":14,
 *  "categories":{"oom":1,"timeout":13},"statusClasses":{"2xx":950,"5xx":40},
 *  "noise":300,"noiseStatusClasses":{"2xx":290,"5xx":10},
 *  "topFingerprints":[{"fingerprint":"9f0c...","category":"timeout","count":13,"sample":"..."}],
 *  "lastUpdated":1763770051234}
 * }</pre>
 *
 * @param service            ECS service
 * @param windowStart        window start, ms since the epoch (inclusive)
 * @param windowEnd          window end, ms since the epoch (exclusive)
 * @param events             events seen after deduplication and stitching, noise included
 * @param errors             events classified into a category
 * @param categories         errors per category; categories with no error are left out
 * @param statusClasses      HTTP status classes ({@code 1xx}..{@code 5xx}) of non-noise access-log lines
 * @param noise              noise events (health checks)
 * @param noiseStatusClasses HTTP status classes of the noise: failing health checks are evidence
 * @param topFingerprints    the most frequent error templates, most frequent first, with one redacted sample each
 * @param lastUpdated        stream time of the last event folded in, ms since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStats(String service, long windowStart, long windowEnd, long events, long errors,
                           Map<Category, Long> categories, Map<String, Long> statusClasses, long noise,
                           Map<String, Long> noiseStatusClasses, List<FingerprintCount> topFingerprints,
                           long lastUpdated) {

    /**
     * One error template in a window.
     *
     * @param fingerprint 16 hex digits
     * @param category    its category
     * @param count       events in the window
     * @param sample      one redacted event text
     */
    public record FingerprintCount(String fingerprint, Category category, long count, String sample) {
    }
}
