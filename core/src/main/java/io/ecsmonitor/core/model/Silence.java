package io.ecsmonitor.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A silence: while it is active, the alerts of the services it matches are not sent to people (webhook,
 * Slack, SNS); they are still diagnosed, written to the alert files and counted. The value of the compacted
 * {@code ecs-monitor.silences} topic, key {@link #id()}; a new version under the same id replaces the old
 * one (expiring a silence early writes it again with {@code endsAt} = now).
 *
 * <pre>{@code
 * {"id":"s-20261122T041500Z-api","services":"api","startsAt":1763784900000,"endsAt":1763792100000,
 *  "reason":"planned database failover","createdBy":"alice","createdAt":1763784900000}
 * }</pre>
 *
 * @param id        stable id of the silence
 * @param services  the service it matches: a name, or a pattern where {@code *} stands for any characters
 *                  ({@code checkout-*}, {@code *}); matched case-insensitively
 * @param startsAt  when it starts, ms since the epoch
 * @param endsAt    when it ends (exclusive), ms since the epoch
 * @param reason    why, for the people who wonder where the alerts went
 * @param createdBy who created it
 * @param createdAt when it was created (or last changed), ms since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(String id, String services, long startsAt, long endsAt, String reason, String createdBy, long createdAt) {

    /** True when {@code service} is one the silence matches. */
    public boolean matches(String service) {
        if (service == null || services == null) {
            return false;
        }
        if (services.indexOf('*') < 0) {
            return services.equalsIgnoreCase(service);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : services.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (regex.length() > 0 || services.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), service.toLowerCase(Locale.ROOT));
    }

    /** True when the silence is in force at {@code epochMs}. */
    public boolean activeAt(long epochMs) {
        return epochMs >= startsAt && epochMs < endsAt;
    }

    /** True when it has the fields a silence needs: an id, a pattern, and an end after its start. */
    @JsonIgnore
    public boolean isValid() {
        return id != null && !id.isBlank() && services != null && !services.isBlank() && endsAt > startsAt;
    }
}
