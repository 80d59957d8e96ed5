package io.ecsmonitor.core.ecs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ECS_LOG_PATTERN}: how a service's log group is named, with {@code {service}} where the service
 * name goes (default {@value #DEFAULT}). It maps both ways: service to log group for reading, log group
 * to service for events that arrive from a subscription.
 */
public final class LogGroupPattern {

    /** The default pattern, the awslogs convention of the ECS console. */
    public static final String DEFAULT = "/ecs/{service}";
    /** The placeholder. */
    public static final String PLACEHOLDER = "{service}";

    private final String pattern;
    private final String prefix;
    private final String suffix;
    private final Pattern matcher;

    private LogGroupPattern(String pattern) {
        this.pattern = pattern;
        int at = pattern.indexOf(PLACEHOLDER);
        this.prefix = pattern.substring(0, at);
        this.suffix = pattern.substring(at + PLACEHOLDER.length());
        this.matcher = Pattern.compile(Pattern.quote(prefix) + "(.+?)" + Pattern.quote(suffix));
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a sentence that says what to fix, when the pattern has no
     *                                  {@code {service}} or has it twice
     */
    public static LogGroupPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return new LogGroupPattern(DEFAULT);
        }
        int first = pattern.indexOf(PLACEHOLDER);
        if (first < 0) {
            throw new IllegalArgumentException("log group pattern '" + pattern
                    + "' has no {service} placeholder; write it like " + DEFAULT);
        }
        if (pattern.indexOf(PLACEHOLDER, first + 1) >= 0) {
            throw new IllegalArgumentException("log group pattern '" + pattern
                    + "' has {service} more than once; use it once, like " + DEFAULT);
        }
        return new LogGroupPattern(pattern);
    }

    /** The default pattern. */
    public static LogGroupPattern defaultPattern() {
        return new LogGroupPattern(DEFAULT);
    }

    /** The log group of {@code service}. */
    public String logGroup(String service) {
        return prefix + service + suffix;
    }

    /** The service of {@code logGroup}, when the group matches the pattern. */
    public Optional<String> service(String logGroup) {
        if (logGroup == null) {
            return Optional.empty();
        }
        Matcher m = matcher.matcher(logGroup);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
