package io.ecsmonitor.cli.logs;

/**
 * Why the logs of a service (or the list of services) could not be read, in one sentence a person
 * can act on.
 */
public final class LogReadFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure it is. */
    public enum Kind {
        /** The log group (or the cluster) does not exist. */
        NOT_FOUND,
        /** An IAM permission is missing, or the credentials were rejected. */
        DENIED,
        /** AWS kept throttling after every retry. */
        THROTTLED,
        /** Anything else. */
        FAILED
    }

    private final Kind kind;
    private final String permission;
    private final boolean retryable;

    public LogReadFailure(Kind kind, String message, String permission, boolean retryable, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.permission = permission;
        this.retryable = retryable;
    }

    /** What kind of failure it is. */
    public Kind kind() {
        return kind;
    }

    /** The IAM permission that is missing, for {@link Kind#DENIED}; else null. */
    public String permission() {
        return permission;
    }

    /** True when trying again may help. */
    public boolean retryable() {
        return retryable;
    }
}
