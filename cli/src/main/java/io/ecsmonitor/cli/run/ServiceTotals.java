package io.ecsmonitor.cli.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's totals over the stats windows of an {@code /api/services/{name}} answer.
 *
 * @param events events, noise included
 * @param errors errors
 * @param noise  health-check noise
 */
public record ServiceTotals(long events, long errors, long noise) {

    /** The totals of the {@code stats} windows of {@code answer}. */
    public static ServiceTotals of(JsonNode answer) {
        long events = 0;
        long errors = 0;
        long noise = 0;
        for (JsonNode w : answer.path("stats")) {
            events += w.path("events").asLong();
            errors += w.path("errors").asLong();
            noise += w.path("noise").asLong();
        }
        return new ServiceTotals(events, errors, noise);
    }
}
