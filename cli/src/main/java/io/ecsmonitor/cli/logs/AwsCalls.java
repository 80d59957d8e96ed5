package io.ecsmonitor.cli.logs;

import static io.ecsmonitor.core.aws.AwsErrorCodes.firstLine;

import io.ecsmonitor.core.aws.AwsErrorCodes;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs every AWS call of a run through the one {@link RateLimiter}, and retries the calls AWS
 * throttled (up to {@value #DEFAULT_MAX_ATTEMPTS} attempts) and its transient failures (5xx, no
 * connection: up to {@value #MAX_ATTEMPTS_UNAVAILABLE}) with exponential backoff and full jitter. The clients are built with one attempt each, so that every attempt, retries included,
 * passes the limiter. Failures that retrying cannot mend become a {@link LogReadFailure} that says
 * what happened in one sentence: a missing resource, a missing IAM permission (named), throttling
 * that did not stop, or anything else AWS answered.
 */
public final class AwsCalls {

    /** Attempts per call, the first one included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** Attempts per call when AWS cannot be reached or answers 5xx: an outage is not waited out. */
    public static final int MAX_ATTEMPTS_UNAVAILABLE = 3;
    /** First backoff; it doubles per attempt up to {@link #MAX_BACKOFF_MS}. */
    public static final long BASE_BACKOFF_MS = 250;
    /** Longest backoff between two attempts. */
    public static final long MAX_BACKOFF_MS = 8_000;

    /** Hears about retries and waits, for progress and {@code --verbose}. */
    public interface Listener {
        /** A call is about to be made. */
        default void calling(String action) {
        }

        /** A call failed and will be tried again after {@code backoffMs}. */
        default void retrying(String action, int attempt, long backoffMs, String reason) {
        }
    }

    private final RateLimiter limiter;
    private final int maxAttempts;
    private final Listener listener;
    private long calls;
    private long retries;

    public AwsCalls(RateLimiter limiter, int maxAttempts, Listener listener) {
        this.limiter = limiter;
        this.maxAttempts = maxAttempts;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /** The limiter every call passes. */
    public RateLimiter limiter() {
        return limiter;
    }

    /** Calls made, retries included. */
    public synchronized long calls() {
        return calls;
    }

    /** Attempts that were retries. */
    public synchronized long retries() {
        return retries;
    }

    /**
     * Makes a call.
     *
     * @param action the IAM action it needs, like {@code logs:FilterLogEvents}: named when it is denied
     * @param call   the SDK call
     * @throws LogReadFailure when the call failed for good
     */
    public <T> T call(String action, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            SdkException failure;
            try (RateLimiter.Permit ignored = acquire()) {
                synchronized (this) {
                    calls++;
                }
                listener.calling(action);
                return call.get();
            } catch (SdkException e) {
                failure = e;
            }
            LogReadFailure mapped = classify(action, failure);
            int attempts = mapped.kind() == LogReadFailure.Kind.THROTTLED ? maxAttempts : Math.min(maxAttempts, MAX_ATTEMPTS_UNAVAILABLE);
            if (!mapped.retryable() || attempt >= attempts) {
                if (mapped.retryable()) {
                    throw new LogReadFailure(mapped.kind(), mapped.getMessage() + " (gave up after " + attempt
                            + " attempts)", mapped.permission(), false, failure);
                }
                throw mapped;
            }
            long backoff = backoffMs(attempt);
            synchronized (this) {
                retries++;
            }
            listener.retrying(action, attempt, backoff, mapped.getMessage());
            sleep(backoff);
        }
    }

    /** Full jitter: uniformly between half and all of the capped exponential backoff. */
    static long backoffMs(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt - 1, 16));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    private RateLimiter.Permit acquire() {
        try {
            return limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogReadFailure(LogReadFailure.Kind.FAILED, "interrupted", null, false, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogReadFailure(LogReadFailure.Kind.FAILED, "interrupted", null, false, e);
        }
    }

    /** What an SDK failure means for the caller. */
    static LogReadFailure classify(String action, SdkException e) {
        if (e instanceof AwsServiceException ase) {
            String code = AwsErrorCodes.code(ase);
            String message = ase.awsErrorDetails() == null ? ase.getMessage() : ase.awsErrorDetails().errorMessage();
            int status = ase.statusCode();
            if (AwsErrorCodes.isThrottling(ase)) {
                return new LogReadFailure(LogReadFailure.Kind.THROTTLED, "throttled by AWS (" + code + ")", null, true, e);
            }
            if ("ResourceNotFoundException".equals(code) || "ClusterNotFoundException".equals(code)) {
                return new LogReadFailure(LogReadFailure.Kind.NOT_FOUND, message, null, false, e);
            }
            if (AwsErrorCodes.isDenied(ase)) {
                String permission = AwsErrorCodes.deniedPermission(message, action);
                String what = AwsErrorCodes.isCredentialsRejected(code)
                        ? "the AWS credentials were rejected (" + code + "); check AWS_PROFILE or AWS_ACCESS_KEY_ID"
                        : "access denied: the IAM permission " + permission + " is missing; grant it to the role or user that runs ecs-monitor";
                return new LogReadFailure(LogReadFailure.Kind.DENIED, what, permission, false, e);
            }
            if (status >= 500) {
                return new LogReadFailure(LogReadFailure.Kind.FAILED, "AWS answered " + status + " " + code, null, true, e);
            }
            return new LogReadFailure(LogReadFailure.Kind.FAILED, action + " failed: " + code + ": " + message, null, false, e);
        }
        if (e instanceof SdkClientException) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean credentials = m.toLowerCase(Locale.ROOT).contains("credentials");
            if (credentials) {
                return new LogReadFailure(LogReadFailure.Kind.DENIED,
                        "no AWS credentials found; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", null, false, e);
            }
            return new LogReadFailure(LogReadFailure.Kind.FAILED, "cannot reach AWS: "
                    + firstLine(m).replaceAll("\\s*\\(SDK Attempt Count: \\d+\\)", ""), null, true, e);
        }
        return new LogReadFailure(LogReadFailure.Kind.FAILED, action + " failed: " + firstLine(e.getMessage()), null, false, e);
    }
}
