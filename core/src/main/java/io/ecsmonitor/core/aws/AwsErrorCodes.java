package io.ecsmonitor.core.aws;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What an AWS error answer means, read the same way by every job: throttling (to back off and retry),
 * a denied call (naming the missing IAM permission) or rejected credentials.
 */
public final class AwsErrorCodes {

    /** Error codes by which AWS services say a caller is throttled. */
    static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling",
            "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException", "RequestThrottled",
            "RequestThrottledException", "ProvisionedThroughputExceededException", "SlowDown");
    /** Error codes by which AWS services refuse a caller: a missing permission or rejected credentials. */
    static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnauthorizedOperation", "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException",
            "ExpiredToken", "InvalidSignatureException", "SignatureDoesNotMatch");
    /** The IAM action in an AccessDenied message: "... is not authorized to perform: ecs:ListServices on ...". */
    private static final Pattern ACTION = Pattern.compile("perform: ([a-z0-9-]+:[A-Za-z0-9]+)");

    private AwsErrorCodes() {
    }

    /** The error code AWS answered, or null. */
    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** True when AWS throttled the call: a throttling code, the SDK's own verdict, or HTTP 429. */
    public static boolean isThrottling(AwsServiceException e) {
        String code = code(e);
        return (code != null && THROTTLING.contains(code)) || e.isThrottlingException() || e.statusCode() == 429;
    }

    /** True when AWS refused the caller: a denied or credentials code, any {@code AccessDenied…} code, or HTTP 403. */
    public static boolean isDenied(AwsServiceException e) {
        String code = code(e);
        return (code != null && (DENIED.contains(code) || code.startsWith("AccessDenied"))) || e.statusCode() == 403;
    }

    /** True when {@code code} (of a denied call) says the credentials were rejected rather than a permission missing. */
    public static boolean isCredentialsRejected(String code) {
        return code != null && (code.startsWith("Expired") || code.contains("Signature") || code.contains("ClientToken")
                || code.startsWith("Unrecognized"));
    }

    /** The IAM permission a denied answer names ({@code ecs:ListServices}), or {@code fallback} when it names none. */
    public static String deniedPermission(String message, String fallback) {
        Matcher m = message == null ? null : ACTION.matcher(message);
        return m != null && m.find() ? m.group(1) : fallback;
    }

    /** The first line of {@code text}; empty for null. For one-line messages out of SDK errors. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
