package io.ecsmonitor.cli.logs;

import io.ecsmonitor.core.ecs.AwsLogStream;
import io.ecsmonitor.core.model.LogEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;

/**
 * Reads a service's log events from CloudWatch Logs the way the API must be read: FilterLogEvents
 * page after page until there is no {@code nextToken} (a page may be empty and still carry one, while
 * CloudWatch scans), every call through the shared {@link AwsCalls} (rate limit, retries), and the
 * events of all streams merged in timestamp order.
 */
public final class CloudWatchLogReader {

    /** The events' {@link LogEvent#source()}: read with FilterLogEvents. */
    public static final String SOURCE = "filter";
    /** The order of events: time, then CloudWatch's event id (which breaks ties in ingestion order). */
    public static final Comparator<LogEvent> TIME_ORDER = Comparator.comparingLong(LogEvent::timestamp)
            .thenComparing(LogEvent::eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Pages of DescribeLogStreams read at most when looking for the streams' first events. */
    static final int MAX_STREAM_PAGES = 10;
    /** CloudWatch updates lastEventTimestamp lazily (within the hour): streams are looked for this far back. */
    static final long LAST_EVENT_LAG_MS = 2 * 3_600_000L;

    /** Hears how a read goes, for progress on stderr. */
    public interface PageListener {
        /** One more page of {@code logGroup} was read; {@code eventsSoFar} in total. */
        void page(String logGroup, int pages, long eventsSoFar);
    }

    private final CloudWatchLogsClient client;
    private final AwsCalls calls;

    public CloudWatchLogReader(CloudWatchLogsClient client, AwsCalls calls) {
        this.client = Objects.requireNonNull(client, "client");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * Every event of {@code logGroup} with {@code startMs <= timestamp <= endMs}, oldest first.
     *
     * @throws LogReadFailure {@link LogReadFailure.Kind#NOT_FOUND} when the group does not exist,
     *                        {@link LogReadFailure.Kind#DENIED} naming {@code logs:FilterLogEvents}, …
     */
    public List<LogEvent> read(String service, String cluster, String logGroup, long startMs, long endMs,
                               PageListener listener) {
        List<LogEvent> events = new ArrayList<>();
        String token = null;
        int pages = 0;
        while (true) {
            String pageToken = token;
            FilterLogEventsResponse page = calls.call("logs:FilterLogEvents", () -> client.filterLogEvents(r -> r
                    .logGroupName(logGroup).startTime(startMs).endTime(endMs).nextToken(pageToken)));
            pages++;
            for (FilteredLogEvent e : page.events()) {
                Optional<AwsLogStream> parts = AwsLogStream.parse(e.logStreamName());
                events.add(new LogEvent(service, cluster, logGroup, e.logStreamName(),
                        parts.map(AwsLogStream::taskId).orElse(null), parts.map(AwsLogStream::container).orElse(null),
                        e.eventId(), e.timestamp() == null ? 0 : e.timestamp(),
                        e.ingestionTime() == null ? 0 : e.ingestionTime(), e.message() == null ? "" : e.message(), SOURCE));
            }
            if (listener != null) {
                listener.page(logGroup, pages, events.size());
            }
            String next = page.nextToken();
            // The CLI stops when a token comes back unchanged; so does this, rather than loop forever.
            if (next == null || next.isEmpty() || next.equals(token)) {
                break;
            }
            token = next;
        }
        events.sort(TIME_ORDER);
        return events;
    }

    /**
     * The time of the first event CloudWatch holds for each of {@code streams} (DescribeLogStreams,
     * newest streams first); streams not found within {@value #MAX_STREAM_PAGES} pages are left out.
     */
    public Map<String, Long> firstEventTimes(String logGroup, Set<String> streams, long windowStartMs) {
        Map<String, Long> first = new HashMap<>();
        Set<String> missing = new HashSet<>(streams);
        String token = null;
        for (int pages = 0; pages < MAX_STREAM_PAGES && !missing.isEmpty(); pages++) {
            String pageToken = token;
            DescribeLogStreamsResponse page = calls.call("logs:DescribeLogStreams", () -> client.describeLogStreams(r -> r
                    .logGroupName(logGroup).orderBy(OrderBy.LAST_EVENT_TIME).descending(true).nextToken(pageToken)));
            boolean older = false;
            for (LogStream s : page.logStreams()) {
                if (missing.remove(s.logStreamName()) && s.firstEventTimestamp() != null) {
                    first.put(s.logStreamName(), s.firstEventTimestamp());
                }
                if (s.lastEventTimestamp() != null && s.lastEventTimestamp() < windowStartMs - LAST_EVENT_LAG_MS) {
                    older = true;
                }
            }
            token = page.nextToken();
            if (older || token == null) {
                break;
            }
        }
        return first;
    }

    /**
     * Up to {@code max} log groups whose names contain {@code text} (DescribeLogGroups with
     * {@code logGroupNamePattern}): a hint when the pattern named a group that does not exist.
     * Empty when the lookup itself fails.
     */
    public List<String> groupsContaining(String text, int max) {
        try {
            DescribeLogGroupsResponse page = calls.call("logs:DescribeLogGroups", () -> client.describeLogGroups(r -> r
                    .logGroupNamePattern(text).limit(Math.min(50, Math.max(1, max)))));
            return page.logGroups().stream().map(LogGroup::logGroupName).limit(max).toList();
        } catch (LogReadFailure e) {
            return List.of();
        }
    }
}
