package io.ecsmonitor.probe.ecs;

import io.ecsmonitor.core.model.HealthReport.ServiceEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses ECS service event messages into kinds, in both wordings ECS has used: the old one
 * ({@code service api has reached a steady state.}) and the new one, with parentheses
 * ({@code (service api) has reached a steady state.}).
 */
public final class ServiceEvents {

    public static final String STEADY_STATE = "steady_state";
    public static final String UNABLE_TO_PLACE = "unable_to_place";
    public static final String TARGET_UNHEALTHY = "target_unhealthy";
    public static final String FAILED_TO_LAUNCH = "failed_to_launch";
    public static final String DEPLOYMENT_FAILED = "deployment_failed";
    public static final String ROLLING_BACK = "rolling_back";
    public static final String STOPPED_TASKS = "stopped_tasks";
    public static final String STARTED_TASKS = "started_tasks";
    public static final String DRAINING = "draining";
    public static final String OTHER = "other";

    /** {@code (service api) } or {@code service api } at the start. */
    private static final Pattern SUBJECT = Pattern.compile("^\\s*(?:\\(service [^)]+\\)|service \\S+)\\s*");
    private static final Pattern REASON = Pattern.compile("\\(reason (.*)\\)\\.?\\s*$");
    private static final Pattern PLACE_REASON = Pattern.compile("Reason: (.+?)\\.?\\s*$");
    private static final Pattern PLACE_BECAUSE = Pattern.compile("because (.+?)\\.?\\s*$");
    private static final Pattern LAUNCH_ERROR = Pattern.compile("\\(error (.*)\\)\\.?\\s*$");
    private static final Pattern COUNT = Pattern.compile("has (?:stopped|started) (\\d+)");

    private record Rule(String kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(STEADY_STATE, Pattern.compile("^has reached a steady state")),
            new Rule(UNABLE_TO_PLACE, Pattern.compile("^(?:was|is) unable to place (?:a )?tasks?")),
            new Rule(TARGET_UNHEALTHY, Pattern.compile("is unhealthy in \\(?target-group")),
            new Rule(DEPLOYMENT_FAILED, Pattern.compile("deployment failed|deployment \\S+ failed|\\bfailed deployment\\b")),
            new Rule(ROLLING_BACK, Pattern.compile("rolling back|rolled back|rollback")),
            new Rule(FAILED_TO_LAUNCH, Pattern.compile("^failed to launch a task|^is unable to consistently start tasks")),
            new Rule(STOPPED_TASKS, Pattern.compile("^has stopped \\d+ running tasks?")),
            new Rule(STARTED_TASKS, Pattern.compile("^has started \\d+ tasks?")),
            new Rule(DRAINING, Pattern.compile("^has begun draining connections|^deregistered \\d+ targets?")));

    private ServiceEvents() {
    }

    /** The kind of an event message; {@value #OTHER} when none applies. */
    public static String kind(String message) {
        String body = body(message);
        for (Rule r : RULES) {
            if (r.pattern().matcher(body).find()) {
                return r.kind();
            }
        }
        return OTHER;
    }

    /** What can be parsed out of the message: the reason of an unhealthy target, of a placement or launch failure, the task count. */
    public static String detail(String kind, String message) {
        String body = body(message);
        Matcher m;
        switch (kind) {
            case TARGET_UNHEALTHY -> {
                m = REASON.matcher(body);
                if (m.find()) {
                    return m.group(1).trim();
                }
            }
            case UNABLE_TO_PLACE -> {
                m = PLACE_REASON.matcher(body);
                if (m.find()) {
                    return m.group(1).trim();
                }
                m = PLACE_BECAUSE.matcher(body);
                if (m.find()) {
                    return m.group(1).trim();
                }
            }
            case FAILED_TO_LAUNCH -> {
                m = LAUNCH_ERROR.matcher(body);
                if (m.find()) {
                    return m.group(1).trim();
                }
            }
            case STOPPED_TASKS, STARTED_TASKS -> {
                m = COUNT.matcher(body);
                if (m.find()) {
                    return m.group(1);
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** The parsed event. */
    public static ServiceEvent parse(String id, long createdAt, String message) {
        String kind = kind(message);
        return new ServiceEvent(id, createdAt, kind, message, detail(kind, message));
    }

    private static String body(String message) {
        return message == null ? "" : SUBJECT.matcher(message).replaceFirst("");
    }
}
