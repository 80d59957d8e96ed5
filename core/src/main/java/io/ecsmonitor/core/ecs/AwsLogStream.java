package io.ecsmonitor.core.ecs;

import java.util.Optional;

/**
 * The parts of an awslogs log stream name, {@code prefix/container/task-id} (the ECS awslogs driver's
 * convention). FireLens and other drivers name streams otherwise; then there are no parts.
 *
 * @param prefix    the {@code awslogs-stream-prefix}
 * @param container the container name
 * @param taskId    the ECS task id
 */
public record AwsLogStream(String prefix, String container, String taskId) {

    /** The parts of {@code logStream}, when it has the awslogs shape. */
    public static Optional<AwsLogStream> parse(String logStream) {
        if (logStream == null) {
            return Optional.empty();
        }
        int last = logStream.lastIndexOf('/');
        if (last <= 0 || last == logStream.length() - 1) {
            return Optional.empty();
        }
        int middle = logStream.lastIndexOf('/', last - 1);
        if (middle <= 0) {
            return Optional.empty();
        }
        String taskId = logStream.substring(last + 1);
        if (!isTaskId(taskId)) {
            return Optional.empty();
        }
        return Optional.of(new AwsLogStream(logStream.substring(0, middle), logStream.substring(middle + 1, last), taskId));
    }

    /** ECS task ids are 32 hex digits (newer) or a UUID (older). */
    private static boolean isTaskId(String s) {
        if (s.length() != 32 && s.length() != 36) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex && !(c == '-' && s.length() == 36)) {
                return false;
            }
        }
        return true;
    }
}
