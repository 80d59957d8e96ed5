package io.ecsmonitor.probe.aws;

import static io.ecsmonitor.core.aws.AwsErrorCodes.firstLine;

import io.ecsmonitor.core.aws.AwsErrorCodes;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.probe.Findings;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an AWS error into a finding of severity UNKNOWN that names the call, the IAM permission it
 * needs and what to do. The SDK has already retried what can be retried (throttling, 5xx, I/O) with
 * backoff, a bounded number of times; what reaches here is final for this probe.
 */
public final class AwsErrors {

    /** The finding code of every AWS error. */
    public static final String CODE = "aws_error";

    /** What kind of error it was, in the finding's {@code kind} evidence. */
    public enum Kind {
        /** A missing IAM permission. */
        ACCESS_DENIED,
        /** Still throttled after every attempt. */
        THROTTLED,
        /** The cluster does not exist in this account and region. */
        CLUSTER_NOT_FOUND,
        /** No credentials could be loaded. */
        CREDENTIALS,
        /** AWS could not be reached. */
        UNREACHABLE,
        /** Anything else AWS answered. */
        OTHER;

        /** The value in evidence. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private AwsErrors() {
    }

    /** The kind of {@code error}. */
    public static Kind kind(SdkException error) {
        if (error instanceof AwsServiceException ase) {
            if (AwsErrorCodes.isDenied(ase)) {
                return Kind.ACCESS_DENIED;
            }
            if (AwsErrorCodes.isThrottling(ase)) {
                return Kind.THROTTLED;
            }
            if ("ClusterNotFoundException".equals(AwsErrorCodes.code(ase))) {
                return Kind.CLUSTER_NOT_FOUND;
            }
            return Kind.OTHER;
        }
        String m = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("credentials")) {
            return Kind.CREDENTIALS;
        }
        return Kind.UNREACHABLE;
    }

    /**
     * The finding for {@code error} raised by {@code permission} (like {@code ecs:DescribeServices}).
     *
     * @param what the part of the check that could not run, for the message ("ECS service state")
     */
    public static Finding finding(String permission, String what, SdkException error) {
        Kind kind = kind(error);
        String code = error instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                ? ase.awsErrorDetails().errorCode() : null;
        String message = switch (kind) {
            case ACCESS_DENIED -> what + " unknown: AWS denied " + permission + "; grant " + permission
                    + " to the probe's IAM role or user";
            case THROTTLED -> what + " unknown: " + permission + " was still throttled after every retry";
            case CLUSTER_NOT_FOUND -> what + " unknown: the cluster does not exist in this account and region; check ECS_CLUSTER and ECS_REGION";
            case CREDENTIALS -> what + " unknown: no AWS credentials; set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
            case UNREACHABLE -> what + " unknown: AWS could not be reached for " + permission + ": " + firstLine(error.getMessage());
            case OTHER -> what + " unknown: " + permission + " failed: " + firstLine(error.getMessage());
        };
        return Findings.of(Severity.UNKNOWN, CODE, message, "kind", kind.label(), "permission", permission,
                "errorCode", code, "error", firstLine(error.getMessage()));
    }
}
