package io.ecsmonitor.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallsTest {

    private static AwsServiceException aws(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void shouldRetryThrottlingAndServerErrorsOnly() {
        assertThat(AwsCalls.classify("logs:FilterLogEvents", aws(400, "ThrottlingException", "Rate exceeded")))
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(LogReadFailure.Kind.THROTTLED);
                    assertThat(f.retryable()).isTrue();
                });
        assertThat(AwsCalls.classify("logs:FilterLogEvents", aws(503, "ServiceUnavailableException", "busy")).retryable()).isTrue();
        assertThat(AwsCalls.classify("logs:FilterLogEvents", aws(400, "InvalidParameterException", "bad")).retryable()).isFalse();
        assertThat(AwsCalls.classify("logs:FilterLogEvents", SdkClientException.create("Connection refused")).retryable()).isTrue();
    }

    @Test
    void shouldNameThePermissionThatIamDenied() {
        LogReadFailure f = AwsCalls.classify("logs:FilterLogEvents", aws(400, "AccessDeniedException",
                "User: arn:aws:iam::1:user/x is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:..."));
        assertThat(f.kind()).isEqualTo(LogReadFailure.Kind.DENIED);
        assertThat(f.permission()).isEqualTo("logs:FilterLogEvents");
        assertThat(f.getMessage()).isEqualTo("access denied: the IAM permission logs:FilterLogEvents is missing;"
                + " grant it to the role or user that runs ecs-monitor");
        assertThat(AwsCalls.classify("ecs:ListServices", aws(400, "AccessDeniedException", "no")).permission())
                .isEqualTo("ecs:ListServices");
        assertThat(AwsCalls.classify("ecs:ListServices", aws(400, "ExpiredTokenException", "expired")).getMessage())
                .contains("credentials were rejected");
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToACap() {
        for (int i = 0; i < 50; i++) {
            assertThat(AwsCalls.backoffMs(1)).isBetween(125L, 250L);
            assertThat(AwsCalls.backoffMs(3)).isBetween(500L, 1000L);
            assertThat(AwsCalls.backoffMs(30)).isBetween(4000L, 8000L);
        }
    }
}
