package io.ecsmonitor.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.awsfakes.AwsFault;
import io.ecsmonitor.awsfakes.CloudWatchLogsFake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.testing.TaskContexts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The polling task against the CloudWatch Logs fake, driven poll by poll the way a Connect worker drives it:
 * pagination with empty pages, late events at the same millisecond and within the overlap window,
 * throttling, the call budget, restarts from stored offsets.
 */
class CloudWatchLogsSourceTaskTest {

    private static final String GROUP = "/ecs/api";
    private static final String STREAM_A = "ecs/api/" + "a".repeat(32);
    private static final String STREAM_B = "ecs/api/" + "b".repeat(32);

    private FakeAws aws;
    private CloudWatchLogsFake logs;
    private final List<CloudWatchLogsSourceTask> tasks = new ArrayList<>();
    private final Metrics metrics = new Metrics();

    @BeforeEach
    void startFake() {
        aws = FakeAws.start();
        logs = new CloudWatchLogsFake();
        aws.register(logs);
        logs.createLogGroup(GROUP);
    }

    @AfterEach
    void stop() {
        tasks.forEach(CloudWatchLogsSourceTask::stop);
        aws.close();
        metrics.close();
    }

    private Map<String, String> config(double callsPerSecond) {
        Map<String, String> c = new HashMap<>();
        c.put(CloudWatchLogsSourceConfig.GROUPS_CONFIG, GROUP);
        c.put(CloudWatchLogsSourceConfig.TASK_GROUPS_CONFIG, GROUP);
        c.put(CloudWatchLogsSourceConfig.BUDGET_CONFIG, Double.toString(callsPerSecond));
        c.put(CloudWatchLogsSourceConfig.POLL_INTERVAL_CONFIG, "100");
        c.put(CloudWatchLogsSourceConfig.OVERLAP_CONFIG, "60000");
        c.put(CloudWatchLogsSourceConfig.LOOKBACK_CONFIG, "600000");
        c.put(CloudWatchLogsSourceConfig.BACKOFF_MAX_CONFIG, "2000");
        c.put(CommonConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString());
        c.put(CommonConfig.AWS_REGION_CONFIG, "us-east-1");
        c.put(CommonConfig.CLUSTER_CONFIG, "prod");
        return c;
    }

    private CloudWatchLogsSourceTask start(Map<String, String> config, Map<String, Object> storedOffset) {
        CloudWatchLogsSourceTask task = new CloudWatchLogsSourceTask();
        PluginMetrics pluginMetrics = new PluginMetricsImpl(metrics, Map.of("task", "t" + tasks.size()));
        task.initialize(TaskContexts.of(config, storedOffset, pluginMetrics));
        task.start(config);
        tasks.add(task);
        return task;
    }

    /** Polls until {@code until} holds for what was emitted, then {@code extraQueries} more full queries. */
    private static List<SourceRecord> pollUntil(CloudWatchLogsSourceTask task, List<SourceRecord> into, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                into.addAll(batch);
            }
            return into.size() >= expected;
        });
        return into;
    }

    /** Keeps polling until {@code calls} more FilterLogEvents calls were made (so later queries had their chance). */
    private static void pollCalls(CloudWatchLogsSourceTask task, List<SourceRecord> into, int calls) {
        long target = task.calls() + calls;
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                into.addAll(batch);
            }
            return task.calls() >= target;
        });
    }

    private static List<String> ids(List<SourceRecord> records) {
        return records.stream().map(r -> event(r).eventId()).toList();
    }

    private static LogEvent event(SourceRecord r) {
        return Topics.LOGS_RAW.valueSerde().deserializer().deserialize("t", (byte[]) r.value());
    }

    @Test
    void shouldFollowEveryPageIncludingEmptyOnesAndEmitEachEventOnce() {
        logs.pageSize(3).emptyPagesFirst(2);
        long t0 = System.currentTimeMillis() - 30_000;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            expected.add(logs.putEvent(GROUP, i % 2 == 0 ? STREAM_A : STREAM_B, t0 + i * 100L, "line " + i));
        }
        CloudWatchLogsSourceTask task = start(config(50), null);
        List<SourceRecord> out = pollUntil(task, new ArrayList<>(), 10);
        pollCalls(task, out, 12);

        assertThat(ids(out)).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids(out))).isEqualTo(expected);
        LogEvent first = event(out.get(0));
        assertThat(first.service()).isEqualTo("api");
        assertThat(first.cluster()).isEqualTo("prod");
        assertThat(first.source()).isEqualTo("poll");
        assertThat(first.taskId()).isEqualTo("a".repeat(32));
        assertThat(first.ingestionTime()).isPositive();
        assertThat(out.get(0).key()).isEqualTo(first.streamKey());
        // 2 empty pages + 4 pages of 3 per query: the first query alone needs 6 calls
        assertThat(aws.calls("FilterLogEvents").size()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldEmitLateEventsAtTheSameMillisecondAndWithinTheOverlapExactlyOnce() {
        long t = System.currentTimeMillis() - 20_000;
        Set<String> expected = new HashSet<>();
        expected.add(logs.putEvent(GROUP, STREAM_A, t - 1000, "early"));
        expected.add(logs.putEvent(GROUP, STREAM_A, t, "on time"));
        CloudWatchLogsSourceTask task = start(config(50), null);
        List<SourceRecord> out = pollUntil(task, new ArrayList<>(), 2);

        expected.add(logs.putEvent(GROUP, STREAM_B, t, "same millisecond, ingested late"));
        expected.add(logs.putEvent(GROUP, STREAM_B, t - 5000, "five seconds late"));
        pollUntil(task, out, 4);
        pollCalls(task, out, 5);

        assertThat(ids(out)).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids(out))).isEqualTo(expected);
        assertThat(out.get(out.size() - 1).sourceOffset()).containsKeys(GroupCursor.TS, GroupCursor.IDS, GroupCursor.WINDOW);
        // Connect stores only primitive offset values
        out.forEach(r -> org.apache.kafka.connect.storage.OffsetUtils.validateFormat(r.sourceOffset()));
    }

    @Test
    void shouldResumeFromTheStoredOffsetWithoutRepeatingAnEvent() {
        long t = System.currentTimeMillis() - 20_000;
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            before.add(logs.putEvent(GROUP, STREAM_A, t + (i / 2) * 10L, "before " + i));
        }
        CloudWatchLogsSourceTask first = start(config(50), null);
        List<SourceRecord> out = pollUntil(first, new ArrayList<>(), 5);
        Map<String, Object> stored = new HashMap<>(out.get(out.size() - 1).sourceOffset());
        first.stop();

        Set<String> after = new HashSet<>();
        after.add(logs.putEvent(GROUP, STREAM_A, t + 20, "after, same millisecond as the last"));
        after.add(logs.putEvent(GROUP, STREAM_B, t + 500, "after"));
        CloudWatchLogsSourceTask second = start(config(50), stored);
        List<SourceRecord> resumed = pollUntil(second, new ArrayList<>(), 2);
        pollCalls(second, resumed, 4);
        assertThat(new HashSet<>(ids(resumed))).isEqualTo(after);
        assertThat(ids(resumed)).doesNotHaveDuplicates();
    }

    @Test
    void shouldStayWithinTheCallBudgetAndLoseNothingWhenThrottled() {
        aws.limitRate("FilterLogEvents", 5, AwsFault.throttling("ThrottlingException"));
        logs.pageSize(2);
        long t = System.currentTimeMillis() - 20_000;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            expected.add(logs.putEvent(GROUP, STREAM_A, t + i, "line " + i));
        }
        CloudWatchLogsSourceTask task = start(config(5), null);
        List<SourceRecord> out = pollUntil(task, new ArrayList<>(), 12);
        pollCalls(task, out, 5);
        List<Instant> calls = aws.calls("FilterLogEvents").stream().map(FakeAws.Call::at).toList();
        assertThat(maxInAnySecond(calls)).isLessThanOrEqualTo(5);
        assertThat(aws.calls("FilterLogEvents")).allMatch(c -> c.status() == 200);
        assertThat(new HashSet<>(ids(out))).isEqualTo(expected);

        // an account-wide limit below the budget (someone else is calling too): throttled, backs off, loses nothing
        aws.clearFaults();
        aws.limitRate("FilterLogEvents", 2, AwsFault.throttling("ThrottlingException"));
        for (int i = 12; i < 24; i++) {
            expected.add(logs.putEvent(GROUP, STREAM_A, t + i, "line " + i));
        }
        pollUntil(task, out, 24);
        assertThat(task.throttledCalls()).isPositive();
        assertThat(ids(out)).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids(out))).isEqualTo(expected);

        MetricName lag = metrics.metrics().keySet().stream()
                .filter(n -> n.name().equals(CloudWatchLogsSourceTask.LAG_METRIC) && GROUP.equals(n.tags().get("log-group")))
                .findFirst().orElseThrow();
        assertThat((Long) metrics.metric(lag).metricValue()).isGreaterThanOrEqualTo(20_000 - 23);
    }

    private static int maxInAnySecond(List<Instant> calls) {
        int max = 0;
        for (int i = 0; i < calls.size(); i++) {
            int n = 0;
            for (Instant c : calls) {
                if (!c.isAfter(calls.get(i)) && c.isAfter(calls.get(i).minusMillis(1000))) {
                    n++;
                }
            }
            max = Math.max(max, n);
        }
        return max;
    }
}
