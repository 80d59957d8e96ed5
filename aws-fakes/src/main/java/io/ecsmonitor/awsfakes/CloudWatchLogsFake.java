package io.ecsmonitor.awsfakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake of CloudWatch Logs (JSON 1.1, target prefix {@value #TARGET_PREFIX}) with the calls ecs-monitor
 * makes: FilterLogEvents (paginated, with optional empty pages that still carry a {@code nextToken},
 * the way the real service answers while it scans), DescribeLogGroups and DescribeLogStreams.
 * A missing log group is a {@code ResourceNotFoundException}; throttling and AccessDenied are injected
 * through {@link FakeAws} ({@code limitRate("FilterLogEvents", 5, AwsFault.throttling("ThrottlingException"))}).
 *
 * <p>Events are added in code: {@link #putEvent} returns the event id CloudWatch would assign. Events
 * may be added at any time, with any timestamp, to play late ingestion.
 */
public final class CloudWatchLogsFake implements JsonService {

    /** The JSON target prefix of CloudWatch Logs. */
    public static final String TARGET_PREFIX = "Logs_20140328";

    /**
     * One stored event.
     *
     * @param logGroup      log group
     * @param logStream     log stream
     * @param timestamp     event time, ms since the epoch
     * @param ingestionTime ingestion time, ms since the epoch
     * @param message       text
     * @param eventId       event id
     */
    public record StoredEvent(String logGroup, String logStream, long timestamp, long ingestionTime, String message,
                              String eventId) {
    }

    private final Map<String, Long> groups = new TreeMap<>();
    private final Map<String, Map<String, Long>> streamsByGroup = new TreeMap<>();
    private final List<StoredEvent> events = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong(1);
    private volatile int pageSize = 10_000;
    private volatile int emptyPagesFirst;

    /** Creates an empty log group (putting an event creates its group too). */
    public synchronized CloudWatchLogsFake createLogGroup(String logGroup) {
        groups.putIfAbsent(logGroup, System.currentTimeMillis());
        streamsByGroup.computeIfAbsent(logGroup, g -> new TreeMap<>());
        return this;
    }

    /** Stores an event ingested now and returns its id. */
    public String putEvent(String logGroup, String logStream, long timestamp, String message) {
        return putEvent(logGroup, logStream, timestamp, Math.max(timestamp, System.currentTimeMillis()), message);
    }

    /** Stores an event with an explicit ingestion time and returns its id. */
    public synchronized String putEvent(String logGroup, String logStream, long timestamp, long ingestionTime, String message) {
        createLogGroup(logGroup);
        streamsByGroup.get(logGroup).merge(logStream, timestamp, Math::max);
        // CloudWatch event ids are 56 decimal digits; these keep that shape and sort by arrival.
        String id = String.format(Locale.ROOT, "%020d%036d", timestamp, sequence.getAndIncrement());
        events.add(new StoredEvent(logGroup, logStream, timestamp, ingestionTime, message, id));
        return id;
    }

    /** At most this many events per FilterLogEvents page (the real default and maximum is 10,000). */
    public CloudWatchLogsFake pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Answers the first {@code pages} pages of every query with no events but a {@code nextToken}. */
    public CloudWatchLogsFake emptyPagesFirst(int pages) {
        this.emptyPagesFirst = pages;
        return this;
    }

    /** Every stored event, in the order they were put. */
    public synchronized List<StoredEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "FilterLogEvents" -> filterLogEvents(request);
            case "DescribeLogGroups" -> describeLogGroups(request);
            case "DescribeLogStreams" -> describeLogStreams(request);
            default -> throw new AwsFault(400, "UnknownOperationException", "the fake does not implement " + operation);
        };
    }

    private synchronized JsonNode filterLogEvents(JsonNode request) {
        String group = groupName(request);
        if (!groups.containsKey(group)) {
            throw new AwsFault(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        long start = request.path("startTime").asLong(Long.MIN_VALUE);
        long end = request.has("endTime") ? request.get("endTime").asLong() : Long.MAX_VALUE;
        List<String> streamNames = new ArrayList<>();
        request.path("logStreamNames").forEach(n -> streamNames.add(n.asText()));
        String streamPrefix = request.path("logStreamNamePrefix").asText(null);
        int limit = Math.min(request.path("limit").asInt(10_000), 10_000);
        FilterPattern pattern = FilterPattern.parse(request.path("filterPattern").asText(""));

        List<StoredEvent> matching = new ArrayList<>();
        for (StoredEvent e : events) {
            if (e.logGroup().equals(group) && e.timestamp() >= start && e.timestamp() <= end
                    && (streamNames.isEmpty() || streamNames.contains(e.logStream()))
                    && (streamPrefix == null || e.logStream().startsWith(streamPrefix))
                    && pattern.matches(e.message())) {
                matching.add(e);
            }
        }
        matching.sort(Comparator.comparingLong(StoredEvent::timestamp).thenComparing(StoredEvent::eventId));

        Token token = Token.decode(request.path("nextToken").asText(null));
        ObjectNode answer = FakeAws.JSON.createObjectNode();
        ArrayNode out = answer.putArray("events");
        if (token.page() < emptyPagesFirst) {
            answer.put("nextToken", new Token(token.page() + 1, token.offset()).encode());
            return answer;
        }
        int size = Math.min(pageSize, limit);
        int from = Math.min(token.offset(), matching.size());
        int to = Math.min(from + size, matching.size());
        for (StoredEvent e : matching.subList(from, to)) {
            out.addObject().put("logStreamName", e.logStream()).put("timestamp", e.timestamp())
                    .put("message", e.message()).put("ingestionTime", e.ingestionTime()).put("eventId", e.eventId());
        }
        if (to < matching.size()) {
            answer.put("nextToken", new Token(token.page() + 1, to).encode());
        }
        ArrayNode searched = answer.putArray("searchedLogStreams");
        streamsByGroup.get(group).keySet().forEach(s -> searched.addObject().put("logStreamName", s).put("searchedCompletely", true));
        return answer;
    }

    private synchronized JsonNode describeLogGroups(JsonNode request) {
        String prefix = request.path("logGroupNamePrefix").asText("");
        int limit = Math.min(request.path("limit").asInt(50), 50);
        List<String> names = groups.keySet().stream().filter(g -> g.startsWith(prefix)).toList();
        Token token = Token.decode(request.path("nextToken").asText(null));
        int from = Math.min(token.offset(), names.size());
        int to = Math.min(from + limit, names.size());
        ObjectNode answer = FakeAws.JSON.createObjectNode();
        ArrayNode out = answer.putArray("logGroups");
        for (String g : names.subList(from, to)) {
            out.addObject().put("logGroupName", g).put("creationTime", groups.get(g))
                    .put("arn", "arn:aws:logs:us-east-1:123456789012:log-group:" + g + ":*").put("storedBytes", 0);
        }
        if (to < names.size()) {
            answer.put("nextToken", new Token(0, to).encode());
        }
        return answer;
    }

    private synchronized JsonNode describeLogStreams(JsonNode request) {
        String group = groupName(request);
        if (!groups.containsKey(group)) {
            throw new AwsFault(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        String prefix = request.path("logStreamNamePrefix").asText("");
        boolean byTime = "LastEventTime".equals(request.path("orderBy").asText("LogStreamName"));
        boolean descending = request.path("descending").asBoolean(false);
        int limit = Math.min(request.path("limit").asInt(50), 50);
        Map<String, Long> streams = streamsByGroup.get(group);
        Comparator<String> order = byTime ? Comparator.comparing(streams::get) : Comparator.naturalOrder();
        List<String> names = streams.keySet().stream().filter(s -> s.startsWith(prefix))
                .sorted(descending ? order.reversed() : order).toList();
        Token token = Token.decode(request.path("nextToken").asText(null));
        int from = Math.min(token.offset(), names.size());
        int to = Math.min(from + limit, names.size());
        ObjectNode answer = FakeAws.JSON.createObjectNode();
        ArrayNode out = answer.putArray("logStreams");
        for (String s : names.subList(from, to)) {
            long first = events.stream().filter(e -> e.logGroup().equals(group) && e.logStream().equals(s))
                    .mapToLong(StoredEvent::timestamp).min().orElse(0);
            out.addObject().put("logStreamName", s).put("firstEventTimestamp", first)
                    .put("lastEventTimestamp", streams.get(s)).put("creationTime", first);
        }
        if (to < names.size()) {
            answer.put("nextToken", new Token(0, to).encode());
        }
        return answer;
    }

    private static String groupName(JsonNode request) {
        String name = request.path("logGroupName").asText(null);
        if (name == null) {
            String identifier = request.path("logGroupIdentifier").asText(null);
            if (identifier != null) {
                int at = identifier.indexOf(":log-group:");
                name = at < 0 ? identifier : identifier.substring(at + ":log-group:".length()).replaceAll(":\\*$", "");
            }
        }
        if (name == null) {
            throw AwsFault.invalid("InvalidParameterException", "logGroupName or logGroupIdentifier is required");
        }
        return name;
    }

    /** Opaque page tokens: the page number and the offset into the matching events. */
    private record Token(int page, int offset) {
        static Token decode(String token) {
            if (token == null || token.isEmpty()) {
                return new Token(0, 0);
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                return new Token(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                throw AwsFault.invalid("InvalidParameterException", "The specified nextToken is invalid.");
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((page + ":" + offset).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The subset of CloudWatch's filter pattern syntax for unstructured text: terms that must all
     * appear ({@code ERROR timeout}), quoted phrases ({@code "connection refused"}), terms that must not
     * ({@code -DEBUG}), and alternatives ({@code ?ERROR ?WARN}). Matching is case-sensitive, like CloudWatch.
     */
    record FilterPattern(List<String> all, List<String> any, List<String> none) {
        static FilterPattern parse(String text) {
            List<String> all = new ArrayList<>();
            List<String> any = new ArrayList<>();
            List<String> none = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                List<String> target = all;
                if (c == '?') {
                    target = any;
                    i++;
                } else if (c == '-') {
                    target = none;
                    i++;
                }
                String term;
                if (i < text.length() && text.charAt(i) == '"') {
                    int close = text.indexOf('"', i + 1);
                    close = close < 0 ? text.length() : close;
                    term = text.substring(i + 1, close);
                    i = close + 1;
                } else {
                    int endTerm = i;
                    while (endTerm < text.length() && !Character.isWhitespace(text.charAt(endTerm))) {
                        endTerm++;
                    }
                    term = text.substring(i, endTerm);
                    i = endTerm;
                }
                if (!term.isEmpty()) {
                    target.add(term);
                }
            }
            return new FilterPattern(all, any, none);
        }

        boolean matches(String message) {
            for (String t : all) {
                if (!message.contains(t)) {
                    return false;
                }
            }
            for (String t : none) {
                if (message.contains(t)) {
                    return false;
                }
            }
            return any.isEmpty() || any.stream().anyMatch(message::contains);
        }
    }
}
