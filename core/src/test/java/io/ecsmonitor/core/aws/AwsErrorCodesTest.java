package io.ecsmonitor.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AwsErrorCodesTest {

    private static AwsServiceException answer(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void shouldTakeThrottlingCodesAndStatus429ForThrottling() {
        assertThat(AwsErrorCodes.isThrottling(answer(400, "ThrottlingException", "Rate exceeded"))).isTrue();
        assertThat(AwsErrorCodes.isThrottling(answer(400, "ProvisionedThroughputExceededException", "slow down"))).isTrue();
        assertThat(AwsErrorCodes.isThrottling(answer(429, "Whatever", "too many"))).isTrue();
        assertThat(AwsErrorCodes.isThrottling(answer(400, "InvalidParameterException", "bad"))).isFalse();
    }

    @Test
    void shouldTakeDeniedCodesAndStatus403ForDenied() {
        assertThat(AwsErrorCodes.isDenied(answer(400, "AccessDeniedException", "no"))).isTrue();
        assertThat(AwsErrorCodes.isDenied(answer(400, "AccessDeniedForDependency", "no"))).isTrue();
        assertThat(AwsErrorCodes.isDenied(answer(400, "ExpiredTokenException", "expired"))).isTrue();
        assertThat(AwsErrorCodes.isDenied(answer(403, "Forbidden", "no"))).isTrue();
        assertThat(AwsErrorCodes.isDenied(answer(400, "ClusterNotFoundException", "Cluster not found."))).isFalse();
        assertThat(AwsErrorCodes.isDenied(answer(500, null, "boom"))).isFalse();
    }

    @Test
    void shouldTellRejectedCredentialsFromAMissingPermission() {
        assertThat(AwsErrorCodes.isCredentialsRejected("ExpiredTokenException")).isTrue();
        assertThat(AwsErrorCodes.isCredentialsRejected("SignatureDoesNotMatch")).isTrue();
        assertThat(AwsErrorCodes.isCredentialsRejected("InvalidClientTokenId")).isTrue();
        assertThat(AwsErrorCodes.isCredentialsRejected("UnrecognizedClientException")).isTrue();
        assertThat(AwsErrorCodes.isCredentialsRejected("AccessDeniedException")).isFalse();
        assertThat(AwsErrorCodes.isCredentialsRejected(null)).isFalse();
    }

    @Test
    void shouldNameThePermissionThatTheDeniedMessageNames() {
        String message = "User: arn:aws:iam::123456789012:user/x is not authorized to perform: ecs:ListServices on resource: *";
        assertThat(AwsErrorCodes.deniedPermission(message, "logs:FilterLogEvents")).isEqualTo("ecs:ListServices");
        assertThat(AwsErrorCodes.deniedPermission("Access denied", "logs:FilterLogEvents")).isEqualTo("logs:FilterLogEvents");
        assertThat(AwsErrorCodes.deniedPermission(null, "logs:FilterLogEvents")).isEqualTo("logs:FilterLogEvents");
    }

    @Test
    void shouldKeepOnlyTheFirstLine() {
        assertThat(AwsErrorCodes.firstLine("one\ntwo")).isEqualTo("one");
        assertThat(AwsErrorCodes.firstLine("one")).isEqualTo("one");
        assertThat(AwsErrorCodes.firstLine(null)).isEmpty();
    }
}
