package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.aws.AwsErrorCodes;
import io.ecsmonitor.core.model.Alert;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Publishes each alert to an SNS topic: the subject {@code [CRITICAL] api: OOM crash loop}, a readable
 * body with the quick-troubleshooting steps ({@link AlertText}), and message attributes
 * {@code service}, {@code status}, {@code kind} for subscription filter policies.
 */
public final class SnsSink implements AlertSink {

    private final SnsClient sns;
    private final String topicArn;

    /** A sink over {@code sns} (built by {@code AwsClients}; closed with the sink). */
    public SnsSink(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        publish(AlertText.subject(alert), AlertText.body(alert), java.util.Map.of(
                "service", attribute(alert.service()),
                "status", attribute(alert.status().name()),
                "kind", attribute(alert.kind().name())));
    }

    @Override
    public boolean digests() {
        return true;
    }

    /** One message for an alert storm: attributes {@code kind=DIGEST} and the worst status. */
    @Override
    public void deliverDigest(java.util.List<Alert> alerts, java.time.Duration window) throws DeliveryException {
        String worst = alerts.stream().anyMatch(a -> "CRITICAL".equals(AlertText.label(a))) ? "CRITICAL" : "WARNING";
        String body = AlertText.digestHeadline(alerts, window) + ": " + AlertText.digestNote(alerts) + "\n\n"
                + String.join("\n", AlertText.digestLines(alerts)) + "\n";
        publish(AlertText.digestSubject(alerts, window), body, java.util.Map.of(
                "service", attribute("_storm"),
                "status", attribute(worst),
                "kind", attribute("DIGEST")));
    }

    private void publish(String subject, String message, java.util.Map<String, MessageAttributeValue> attributes)
            throws DeliveryException {
        try {
            sns.publish(PublishRequest.builder().topicArn(topicArn).subject(subject).message(message)
                    .messageAttributes(attributes).build());
        } catch (SnsException e) {
            boolean retryable = e.statusCode() >= 500 || AwsErrorCodes.isThrottling(e);
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ";
            throw new DeliveryException("SNS Publish to " + topicArn + " failed: " + code
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), retryable, e);
        } catch (SdkClientException e) {
            throw new DeliveryException("SNS Publish to " + topicArn + " failed: " + e.getMessage(), true, e);
        } catch (SdkException e) {
            throw new DeliveryException("SNS Publish to " + topicArn + " failed: " + e.getMessage(), e.retryable(), e);
        }
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        sns.close();
    }
}
