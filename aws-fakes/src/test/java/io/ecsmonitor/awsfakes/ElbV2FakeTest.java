package io.ecsmonitor.awsfakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** The ELBv2 fake, spoken to by the real SDK client. */
class ElbV2FakeTest {

    private FakeAws aws;
    private ElbV2Fake fake;
    private ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void credentials() {
        FakeAws.useFakeCredentials();
    }

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        fake = new ElbV2Fake();
        aws.register(fake);
        // a second query service on the same server: requests must be told apart by signing name
        aws.register(new QueryService() {
            @Override
            public String signingName() {
                return "sns";
            }

            @Override
            public String xmlNamespace() {
                return "http://sns.amazonaws.com/doc/2010-03-31/";
            }

            @Override
            public String handle(String action, java.util.Map<String, String> params) {
                throw new AwsFault(400, "InvalidAction", "not sns");
            }
        });
        elb = AwsClients.sync(ElasticLoadBalancingV2Client.builder(),
                AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(1));
    }

    @AfterEach
    void stop() {
        elb.close();
        aws.close();
    }

    @Test
    void shouldDescribeTargetGroupsByArn() {
        ElbV2Fake.TargetGroup api = fake.targetGroup("api-tg", 8080).healthCheck("/healthz", "200-299");
        fake.targetGroup("web-tg", 80);

        List<TargetGroup> groups = elb.describeTargetGroups(b -> b.targetGroupArns(api.arn())).targetGroups();

        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.targetGroupArn()).isEqualTo(api.arn());
            assertThat(g.targetGroupName()).isEqualTo("api-tg");
            assertThat(g.port()).isEqualTo(8080);
            assertThat(g.healthCheckPath()).isEqualTo("/healthz");
            assertThat(g.matcher().httpCode()).isEqualTo("200-299");
        });
    }

    @Test
    void shouldPaginateTargetGroupsWithMarkers() {
        fake.defaultPageSize(2);
        for (int i = 0; i < 5; i++) {
            fake.targetGroup("tg-" + i, 80);
        }
        List<String> names = new ArrayList<>();
        elb.describeTargetGroupsPaginator(b -> { }).targetGroups().forEach(g -> names.add(g.targetGroupName()));

        assertThat(names).containsExactlyInAnyOrder("tg-0", "tg-1", "tg-2", "tg-3", "tg-4");
        assertThat(aws.calls("DescribeTargetGroups")).hasSize(3);
    }

    @Test
    void shouldDescribeTargetHealthWithReasonCodes() {
        ElbV2Fake.TargetGroup tg = fake.targetGroup("api-tg", 8080)
                .target("10.0.1.5", 8080, "healthy")
                .target("10.0.1.6", 8080, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]")
                .target("10.0.1.7", 8080, "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");

        List<TargetHealthDescription> health = elb.describeTargetHealth(b -> b.targetGroupArn(tg.arn())).targetHealthDescriptions();

        assertThat(health).hasSize(3);
        assertThat(health.get(0).target().id()).isEqualTo("10.0.1.5");
        assertThat(health.get(0).targetHealth().state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
        assertThat(health.get(1).target().port()).isEqualTo(8080);
        assertThat(health.get(1).targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
        assertThat(health.get(1).targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH);
        assertThat(health.get(1).targetHealth().description()).isEqualTo("Health checks failed with these codes: [502]");
        assertThat(health.get(2).targetHealth().state()).isEqualTo(TargetHealthStateEnum.DRAINING);
    }

    @Test
    void shouldAnswerAnUnknownTargetGroupWithTargetGroupNotFound() {
        assertThatThrownBy(() -> elb.describeTargetHealth(b -> b.targetGroupArn("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1")))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void shouldAnswerAccessDeniedLikeElbNamingThePermission() {
        ElbV2Fake.TargetGroup tg = fake.targetGroup("api-tg", 8080);
        aws.failAlways("DescribeTargetHealth", ElbV2Fake.accessDenied("DescribeTargetHealth"));

        assertThatThrownBy(() -> elb.describeTargetHealth(b -> b.targetGroupArn(tg.arn())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).contains("elasticloadbalancing:DescribeTargetHealth");
                });
    }

    @Test
    void shouldAnswerThrottlingTheWayTheSdkRecognises() {
        fake.targetGroup("api-tg", 8080);
        aws.failNext("DescribeTargetGroups", 1, ElbV2Fake.throttling());

        assertThatThrownBy(() -> elb.describeTargetGroups(b -> { }))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(elb.describeTargetGroups(b -> { }).targetGroups()).hasSize(1);
    }
}
