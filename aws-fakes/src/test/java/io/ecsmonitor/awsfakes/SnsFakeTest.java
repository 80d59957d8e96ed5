package io.ecsmonitor.awsfakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

class SnsFakeTest {

    private FakeAws aws;
    private SnsFake fake;
    private SnsClient sns;

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        fake = new SnsFake();
        aws.register(fake);
        sns = AwsClients.sync(SnsClient.builder(), AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(1));
    }

    @AfterEach
    void stop() {
        sns.close();
        aws.close();
    }

    @Test
    void shouldRecordAPublishedMessageWithSubjectAndAttributes() {
        String arn = sns.createTopic(b -> b.name("alerts")).topicArn();
        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:123456789012:alerts");

        PublishResponse r = sns.publish(b -> b.topicArn(arn).subject("[CRITICAL] api: OOM crash loop").message("line 1\nline 2 — ünïcode")
                .messageAttributes(Map.of("service", MessageAttributeValue.builder().dataType("String").stringValue("api").build())));

        assertThat(fake.published(arn)).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo(r.messageId());
            assertThat(p.subject()).isEqualTo("[CRITICAL] api: OOM crash loop");
            assertThat(p.message()).isEqualTo("line 1\nline 2 — ünïcode");
            assertThat(p.attributes()).containsEntry("service", "api");
        });
        assertThat(aws.calls("Publish")).singleElement().satisfies(c -> assertThat(c.service()).isEqualTo("sns"));
        assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).containsExactly(arn);
    }

    @Test
    void shouldRejectSubjectsSnsRejects() {
        String arn = fake.createTopic("alerts");
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(arn).subject("api — crash").message("m")))
                .isInstanceOf(SnsException.class).hasMessageContaining("Subject");
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(arn).subject("x".repeat(100)).message("m")))
                .isInstanceOf(SnsException.class);
        assertThat(fake.published()).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownTopic() {
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:123456789012:nope").message("m")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldInjectFaultsThroughFakeAws() {
        String arn = fake.createTopic("alerts");
        aws.failNext("Publish", 1, new AwsFault(500, "InternalError", "boom"));
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(arn).message("m")))
                .isInstanceOf(SnsException.class)
                .satisfies(e -> assertThat(((SnsException) e).statusCode()).isEqualTo(500));
        sns.publish(b -> b.topicArn(arn).message("m"));
        assertThat(fake.published()).hasSize(1);
        assertThat(aws.calls("Publish")).extracting(FakeAws.Call::status).containsExactly(500, 200);
    }
}
