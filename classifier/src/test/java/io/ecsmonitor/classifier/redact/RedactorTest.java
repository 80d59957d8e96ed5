package io.ecsmonitor.classifier.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    static Stream<Arguments> secrets() {
        return Stream.of(
                // AWS access key ids
                Arguments.of("using access key AKIAIOSFODNN7EXAMPLE for s3",
                        "using access key *** for s3"),
                Arguments.of("{\"AccessKeyId\":\"ASIAY34FZKBOKMUTVV7A\",\"Expiration\":\"2024-05-01T13:00:00Z\"}",
                        "{\"AccessKeyId\":\"***\",\"Expiration\":\"2024-05-01T13:00:00Z\"}"),
                // AWS secret keys
                Arguments.of("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "aws_secret_access_key = ***"),
                Arguments.of("{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\", \"Token\": \"IQoJb3JpZ2luX2VjEJr\"}",
                        "{\"SecretAccessKey\": \"***\", \"Token\": \"***\"}"),
                Arguments.of("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AWS_REGION=eu-west-1",
                        "AWS_SECRET_ACCESS_KEY=*** AWS_REGION=eu-west-1"),
                Arguments.of("loaded AWS Secret Access Key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY from env",
                        "loaded AWS Secret Access Key *** from env"),
                // bearer tokens and Authorization headers
                Arguments.of("Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA",
                        "Authorization: Bearer ***"),
                Arguments.of("calling orders with bearer mF_9.B5f-4.1JqM and retrying",
                        "calling orders with bearer *** and retrying"),
                Arguments.of("headers={'Authorization': 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Accept': '*/*'}",
                        "headers={'Authorization': 'Basic ***', 'Accept': '*/*'}"),
                // JWTs
                Arguments.of("invalid session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U: expired",
                        "invalid session ***: expired"),
                // passwords in URLs
                Arguments.of("connecting to postgres://orders:s3cr3t!@db.internal:5432/orders",
                        "connecting to postgres://orders:***@db.internal:5432/orders"),
                Arguments.of("redis error at redis://:p@ss:w0rd@cache:6379/0 (connection refused)",
                        "redis error at redis://:***@cache:6379/0 (connection refused)"),
                Arguments.of("mongodb+srv://app:hunter2@cluster0.mongodb.net/test?retryWrites=true",
                        "mongodb+srv://app:***@cluster0.mongodb.net/test?retryWrites=true"),
                // key=value, JSON, Python and YAML-ish pairs
                Arguments.of("login failed user=alice password=hunter2 ip=10.0.0.1",
                        "login failed user=alice password=*** ip=10.0.0.1"),
                Arguments.of("GET /callback?code=abc&access_token=ya29.a0Af&state=xyz",
                        "GET /callback?code=abc&access_token=***&state=xyz"),
                Arguments.of("passwd=letmein pwd=1234 secret=topsecret api_key=sk_live_51H apikey=AIzaSyD X-Api-Key: 0f8fad5b",
                        "passwd=*** pwd=*** secret=*** api_key=*** apikey=*** X-Api-Key: ***"),
                Arguments.of("{\"user\":\"alice\",\"password\":\"hun\\\"ter2\",\"db_password\": \"x\"}",
                        "{\"user\":\"alice\",\"password\":\"***\",\"db_password\": \"***\"}"),
                Arguments.of("{\"msg\":\"config {\\\"client_secret\\\":\\\"abc123\\\"}\"}",
                        "{\"msg\":\"config {\\\"client_secret\\\":\\\"***\\\"}\"}"),
                Arguments.of("sample cut at 200 chars: {\"user\":\"alice\",\"password\":\"hunter2-and-mo",
                        "sample cut at 200 chars: {\"user\":\"alice\",\"password\":\"***"),
                Arguments.of("settings: {'password': 'hunter2', 'timeout': 30}",
                        "settings: {'password': '***', 'timeout': 30}"),
                Arguments.of("database:\n  user: app\n  password: hunter2\n  host: db",
                        "database:\n  user: app\n  password: ***\n  host: db"),
                Arguments.of("rejected invalid_token=opaque-7f3a9 for user 42",
                        "rejected invalid_token=*** for user 42"),
                Arguments.of("token=abc; refresh_token: \"def\"; secretKey=ghi",
                        "token=***; refresh_token: \"***\"; secretKey=***"),
                // PEM private keys
                Arguments.of("key=\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7V\nq3fZ+x/9==\n-----END RSA PRIVATE KEY-----\nloaded",
                        "key=\n-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----\nloaded"),
                Arguments.of("{\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\"}",
                        "{\"private_key\":\"-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----\\n\"}"),
                Arguments.of("parse error in -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
                        "parse error in -----BEGIN OPENSSH PRIVATE KEY-----\n***"),
                Arguments.of("9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----",
                        "***\n-----END PRIVATE KEY-----"));
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void shouldMaskTheSecretAndKeepTheNamesAroundIt(String text, String redacted) {
        assertThat(Redactor.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void shouldLeaveAlreadyRedactedTextAsItIs(String text, String redacted) {
        assertThat(Redactor.redact(redacted)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "passwordless login enabled",
        "token bucket refilled: 40 tokens",
        "reset password for user 42",
        "invalid token",
        "secret rotation scheduled",
        "max_tokens=512 temperature=0.2",
        "token_type=bearer expires_in=3600",
        "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
        "if token == expected: return",
        "token: null",
        "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
        "ExpiredToken: The security token included in the request is expired",
        "InvalidToken: The provided token is malformed or otherwise invalid",
        "mail from alice@example.com via https://smtp.example.com:587/relay",
        "git@github.com:org/repo.git cloned at 3f786850e387550fdab836ed7e6dc881de23001b",
        "using basic auth",
        """
        Traceback (most recent call last):
          File "/app/auth/tokens.py", line 41, in validate_token
            claims = decode(request.headers["Authorization"])
        KeyError: 'Authorization'""",
        """
        java.lang.IllegalStateException: PasswordEncoder not configured
        \tat com.example.auth.TokenService.validate(TokenService.java:88)
        \tat com.example.auth.secret.SecretStore.get(SecretStore.java:12)"""})
    void shouldLeaveTextThatOnlyNamesSecretsUnchanged(String text) {
        assertThat(Redactor.redact(text)).isSameAs(text);
    }

    @Test
    void shouldReturnTextWithoutTriggerWordsAsTheSameInstance() {
        String text = "2024-05-01T12:00:00Z INFO GET /api/orders 200 12ms";

        assertThat(Redactor.triggers(text)).isZero();
        assertThat(Redactor.redact(text)).isSameAs(text);
        assertThat(Redactor.redact(null)).isNull();
    }
}
