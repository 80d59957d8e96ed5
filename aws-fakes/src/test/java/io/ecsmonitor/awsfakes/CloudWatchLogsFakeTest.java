package io.ecsmonitor.awsfakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class CloudWatchLogsFakeTest {

    private FakeAws aws;
    private CloudWatchLogsFake logs;
    private CloudWatchLogsClient client;

    @BeforeEach
    void start() {
        FakeAws.useFakeCredentials();
        aws = FakeAws.start();
        logs = new CloudWatchLogsFake();
        aws.register(logs);
        client = AwsClients.sync(CloudWatchLogsClient.builder(),
                AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(1));
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    @Test
    void shouldPageThroughEveryEventAcrossStreamsInTimeOrderIncludingEmptyPages() {
        for (int i = 0; i < 10; i++) {
            logs.putEvent("/ecs/api", "ecs/api/" + (i % 2 == 0 ? "a" : "b"), 1_000 + i, "line " + i);
        }
        logs.pageSize(3).emptyPagesFirst(2);
        List<FilterLogEventsResponse> pages = client.filterLogEventsPaginator(r -> r.logGroupName("/ecs/api").startTime(1_002L))
                .stream().toList();
        List<String> messages = pages.stream().flatMap(p -> p.events().stream()).map(FilteredLogEvent::message).toList();
        assertThat(messages).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9");
        assertThat(pages).hasSize(2 + 3);
        assertThat(pages.get(0).events()).isEmpty();
        assertThat(pages.get(0).nextToken()).isNotNull();
    }

    @Test
    void shouldHonourEndTimeStreamNamesAndSimpleFilterPatterns() {
        logs.putEvent("/ecs/api", "s1", 10, "ERROR connection refused");
        logs.putEvent("/ecs/api", "s1", 20, "INFO ok");
        logs.putEvent("/ecs/api", "s2", 30, "ERROR timeout");
        logs.putEvent("/ecs/api", "s2", 40, "WARN slow");
        assertThat(client.filterLogEvents(r -> r.logGroupName("/ecs/api").endTime(30L).filterPattern("ERROR"))
                .events()).extracting(FilteredLogEvent::message).containsExactly("ERROR connection refused", "ERROR timeout");
        assertThat(client.filterLogEvents(r -> r.logGroupName("/ecs/api").logStreamNames("s2").filterPattern("?WARN ?timeout"))
                .events()).extracting(FilteredLogEvent::message).containsExactly("ERROR timeout", "WARN slow");
        assertThat(client.filterLogEvents(r -> r.logGroupName("/ecs/api").filterPattern("\"connection refused\" -INFO"))
                .events()).extracting(FilteredLogEvent::logStreamName).containsExactly("s1");
    }

    @Test
    void shouldGiveEveryEventAUniqueIdAndItsIngestionTime() {
        String a = logs.putEvent("/ecs/api", "s", 5, 9, "x");
        String b = logs.putEvent("/ecs/api", "s", 5, 9, "x");
        assertThat(a).hasSize(56).isNotEqualTo(b);
        assertThat(client.filterLogEvents(r -> r.logGroupName("/ecs/api")).events())
                .extracting(FilteredLogEvent::eventId, FilteredLogEvent::ingestionTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a, 9L), org.assertj.core.groups.Tuple.tuple(b, 9L));
    }

    @Test
    void shouldAnswerAMissingLogGroupAsAwsDoes() {
        assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName("/ecs/nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log group does not exist.");
    }

    @Test
    void shouldThrottleFilterLogEventsAboveTheAccountRate() {
        // All calls at one instant of the fake's clock, so the check does not depend on the machine's speed.
        aws.close();
        aws = FakeAws.start(0, java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T00:00:00Z"), java.time.ZoneOffset.UTC));
        aws.register(logs);
        client.close();
        client = AwsClients.sync(CloudWatchLogsClient.builder(),
                AwsSettings.fromRegion("us-east-1").withEndpoint(aws.endpoint()).withMaxAttempts(1));
        logs.createLogGroup("/ecs/api");
        aws.limitRate("FilterLogEvents", 5, AwsFault.throttling("ThrottlingException"));
        int throttled = 0;
        for (int i = 0; i < 7; i++) {
            try {
                client.filterLogEvents(r -> r.logGroupName("/ecs/api"));
            } catch (CloudWatchLogsException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                throttled++;
            }
        }
        assertThat(throttled).isEqualTo(2);
    }

    @Test
    void shouldListLogGroupsByPrefixAndStreamsByLastEvent() {
        logs.putEvent("/ecs/api", "old", 10, "x");
        logs.putEvent("/ecs/api", "new", 20, "x");
        logs.putEvent("/ecs/web", "s", 10, "x");
        logs.createLogGroup("/aws/lambda/f");
        assertThat(client.describeLogGroupsPaginator(r -> r.logGroupNamePrefix("/ecs/").limit(1)).logGroups().stream()
                .map(LogGroup::logGroupName).toList()).containsExactly("/ecs/api", "/ecs/web");
        assertThat(client.describeLogStreams(r -> r.logGroupName("/ecs/api").orderBy("LastEventTime").descending(true))
                .logStreams()).extracting(s -> s.logStreamName()).containsExactly("new", "old");
    }

    @Test
    void shouldListLogGroupsWhoseNameContainsAPattern() {
        logs.createLogGroup("/ecs/prod/api");
        logs.createLogGroup("/ecs/prod/web");
        logs.createLogGroup("/aws/ecs/API");
        assertThat(client.describeLogGroups(r -> r.logGroupNamePattern("api")).logGroups())
                .extracting(LogGroup::logGroupName).containsExactly("/ecs/prod/api");
    }
}
