package io.ecsmonitor.classifier;

import io.ecsmonitor.core.model.Category;

/**
 * What the classifier says of one event.
 *
 * @param noise       true for load-balancer health-check traffic, which is counted on its own
 * @param category    the error category, or null when the event reports no error
 * @param fingerprint a short stable id of the event's template (null only from
 *                    {@link ErrorClassifier#classifyErrors(String)} for an event that is no error)
 * @param httpStatus  the response status (100–599) of an HTTP access or request record, health checks
 *                    included; 0 for any other event
 */
public record Verdict(boolean noise, Category category, String fingerprint, int httpStatus) {

    /** True when the event reports an error. */
    public boolean isError() {
        return category != null;
    }
}
