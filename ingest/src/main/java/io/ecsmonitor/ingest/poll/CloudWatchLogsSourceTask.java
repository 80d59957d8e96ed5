package io.ecsmonitor.ingest.poll;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsErrorCodes;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.ingest.connect.LogRecords;
import io.ecsmonitor.ingest.connect.Version;
import io.ecsmonitor.ingest.envelope.LogEventMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Polls its log groups with FilterLogEvents, one page per call, within its share of the call budget.
 * Each query starts {@value CloudWatchLogsSourceConfig#OVERLAP_CONFIG} before the last timestamp read
 * and drops the ids already emitted; every page is followed to the end, empty pages included.
 *
 * <p>Metric {@code log-group-lag-ms} (tag {@code log-group}): how far behind now the newest event read
 * from each group is.
 */
public class CloudWatchLogsSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogsSourceTask.class);
    private static final long MAX_IDLE_WAIT_MS = 200;
    private static final long BACKOFF_START_MS = 1_000;
    static final String LAG_METRIC = "log-group-lag-ms";

    private CloudWatchLogsSourceConfig config;
    private CloudWatchLogsClient logs;
    private CallBudget budget;
    private LogEventMapper mapper;
    private final Map<String, GroupCursor> cursors = new LinkedHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final List<MetricName> metricNames = new ArrayList<>();
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new CloudWatchLogsSourceConfig(props);
        logs = AwsClients.sync(CloudWatchLogsClient.builder(), config.awsSettings());
        budget = new CallBudget(config.taskBudget());
        mapper = new LogEventMapper(config.pattern(), config.cluster(), "poll");
        List<Map<String, String>> partitions = config.taskGroups().stream().map(GroupCursor::partition).toList();
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        for (String group : config.taskGroups()) {
            Map<String, Object> stored = offsets == null ? null : offsets.get(GroupCursor.partition(group));
            GroupCursor cursor = new GroupCursor(group, config.overlapMs(), stored);
            cursors.put(group, cursor);
            registerLag(cursor);
        }
        LOG.info("CloudWatch Logs task started groups={} callsPerSecond={} overlapMs={}", cursors.keySet(),
                config.taskBudget(), config.overlapMs());
    }

    private void registerLag(GroupCursor cursor) {
        PluginMetrics metrics;
        try {
            metrics = context.pluginMetrics();
        } catch (RuntimeException | LinkageError e) {
            return;
        }
        if (metrics == null) {
            return;
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("log-group", cursor.group);
        MetricName name = metrics.metricName(LAG_METRIC, "How far behind now the newest event read from the log group is, in ms", tags);
        metrics.addMetric(name, (Gauge<Long>) (cfg, now) -> cursor.lastTimestamp() < 0 ? -1 : now - cursor.lastTimestamp());
        metricNames.add(name);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        GroupCursor cursor = next(System.currentTimeMillis());
        if (cursor == null) {
            long earliest = cursors.values().stream().mapToLong(c -> c.nextQueryAt).min().orElse(Long.MAX_VALUE);
            long wait = Math.min(MAX_IDLE_WAIT_MS, earliest - System.currentTimeMillis());
            if (wait > 0) {
                Thread.sleep(wait);
            }
            return null;
        }
        budget.acquire();
        if (stopping) {
            return null;
        }
        return page(cursor);
    }

    /** A group in the middle of a query first, else the one most overdue. */
    private GroupCursor next(long now) {
        GroupCursor best = null;
        for (GroupCursor c : cursors.values()) {
            if (c.nextQueryAt > now) {
                continue;
            }
            if (c.inQuery) {
                return c;
            }
            if (best == null || c.nextQueryAt < best.nextQueryAt) {
                best = c;
            }
        }
        return best;
    }

    private List<SourceRecord> page(GroupCursor cursor) {
        long now = System.currentTimeMillis();
        if (!cursor.inQuery) {
            cursor.inQuery = true;
            cursor.queryStart = cursor.queryStartTime(now - config.lookbackMs());
            cursor.nextToken = null;
        }
        FilterLogEventsResponse response;
        try {
            FilterLogEventsRequest.Builder request = FilterLogEventsRequest.builder().logGroupName(cursor.group)
                    .startTime(cursor.queryStart).limit(config.pageLimit());
            if (cursor.nextToken != null) {
                request.nextToken(cursor.nextToken);
            }
            calls.incrementAndGet();
            try {
                response = logs.filterLogEvents(request.build());
            } finally {
                budget.done();
            }
            cursor.backoffMs = 0;
        } catch (ResourceNotFoundException e) {
            LOG.warn("log group {} does not exist (yet); trying again in {} ms", cursor.group, config.backoffMaxMs());
            cursor.inQuery = false;
            cursor.nextQueryAt = now + config.backoffMaxMs();
            return List.of();
        } catch (AwsServiceException e) {
            if (AwsErrorCodes.isThrottling(e)) {
                throttled.incrementAndGet();
                backOff(cursor, now, true, "throttled");
            } else {
                backOff(cursor, now, false, e.toString());
            }
            return List.of();
        } catch (SdkException e) {
            backOff(cursor, now, false, e.toString());
            return List.of();
        }
        List<SourceRecord> out = new ArrayList<>();
        String service = mapper.service(cursor.group).orElseThrow();
        for (FilteredLogEvent e : response.events()) {
            if (e.eventId() == null || cursor.seen(e.eventId())) {
                continue;
            }
            long ts = e.timestamp() == null ? 0 : e.timestamp();
            Map<String, Object> offset = cursor.emitted(e.eventId(), ts);
            LogEvent event = mapper.map(service, cursor.group, e.logStreamName(), e.eventId(), ts,
                    e.ingestionTime() == null ? 0 : e.ingestionTime(), e.message() == null ? "" : e.message());
            out.add(LogRecords.event(cursor.partition, offset, config.topic(), event));
        }
        if (!out.isEmpty()) {
            out.set(out.size() - 1, withOffset(out.get(out.size() - 1), cursor.fullOffset()));
        }
        cursor.nextToken = response.nextToken();
        if (cursor.nextToken == null) {
            cursor.inQuery = false;
            cursor.prune();
            cursor.nextQueryAt = System.currentTimeMillis() + config.pollIntervalMs();
        }
        return out;
    }

    private static SourceRecord withOffset(SourceRecord r, Map<String, Object> offset) {
        return new SourceRecord(r.sourcePartition(), offset, r.topic(), r.kafkaPartition(), r.keySchema(), r.key(),
                r.valueSchema(), r.value(), r.timestamp(), r.headers());
    }

    private void backOff(GroupCursor cursor, long now, boolean throttling, String why) {
        cursor.backoffMs = cursor.backoffMs == 0 ? BACKOFF_START_MS : Math.min(cursor.backoffMs * 2, config.backoffMaxMs());
        cursor.nextQueryAt = now + cursor.backoffMs;
        if (throttling) {
            budget.pause(cursor.backoffMs);
        }
        LOG.warn("log group {}: {}; backing off {} ms", cursor.group, why, cursor.backoffMs);
    }

    /** FilterLogEvents calls made, throttled ones included. */
    long calls() {
        return calls.get();
    }

    /** Calls answered with ThrottlingException. */
    long throttledCalls() {
        return throttled.get();
    }

    @Override
    public void stop() {
        stopping = true;
        LOG.info("CloudWatch Logs task stopping groups={} calls={} throttled={}", cursors.keySet(), calls, throttled);
        try {
            PluginMetrics metrics = context == null ? null : context.pluginMetrics();
            if (metrics != null) {
                metricNames.forEach(metrics::removeMetric);
            }
        } catch (RuntimeException e) {
            LOG.debug("removing metrics failed", e);
        }
        if (logs != null) {
            logs.close();
        }
    }
}
