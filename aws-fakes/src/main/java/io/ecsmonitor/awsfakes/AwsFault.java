package io.ecsmonitor.awsfakes;

/**
 * An error a fake answers with, the way AWS answers it: an HTTP status, an error code
 * ({@code ThrottlingException}, {@code AccessDeniedException}, …) and a message. JSON services render
 * it as {@code {"__type": code, "message": ...}}; query services as an {@code <ErrorResponse>}.
 */
public class AwsFault extends RuntimeException {

    private final int status;
    private final String code;

    public AwsFault(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** AWS error code. */
    public String code() {
        return code;
    }

    /** A throttling error with the code the service uses ({@code ThrottlingException} or {@code Throttling}). */
    public static AwsFault throttling(String code) {
        return new AwsFault(400, code, "Rate exceeded");
    }

    /**
     * AccessDenied for {@code action} (like {@code ecs:DescribeServices}), worded the way IAM words it,
     * so the caller can name the missing permission.
     */
    public static AwsFault accessDenied(String code, String action) {
        return new AwsFault(400, code, "User: arn:aws:iam::123456789012:user/ecs-monitor is not authorized to perform: "
                + action + " because no identity-based policy allows the " + action + " action");
    }

    /** A validation error (bad parameter). */
    public static AwsFault invalid(String code, String message) {
        return new AwsFault(400, code, message);
    }
}
