package io.ecsmonitor.classifier.engine;

/**
 * An HTTP access or request log record, as far as the classifier needs it (rules 1, 2 and 7).
 *
 * @param method          the request method, or null when the record does not say
 * @param path            the request path without scheme, host or query, or null
 * @param status          the response status, or -1 when the record has none (not yet answered, or
 *                        a format bug such as {@code %!d(<nil>)})
 * @param healthChecker   true when the user agent is the load balancer's health checker
 */
public record AccessRecord(String method, String path, int status, boolean healthChecker) {

    /** True when the response status is 500–599. */
    public boolean is5xx() {
        return status >= 500 && status <= 599;
    }

    /** The status class 1–5 (1xx … 5xx), or 0 when unknown. */
    public int statusClass() {
        return status >= 100 && status <= 599 ? status / 100 : 0;
    }
}
