package io.ecsmonitor.cli.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsmonitor.core.ecs.AwsLogStream;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.core.model.LogEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads exported CloudWatch logs into {@link LogEvent}s, whatever shape the export has:
 * <ul>
 *   <li>the JSON that {@code aws logs filter-log-events} prints ({@code {"events": [...]}}), whose
 *       events carry no log group: it comes from {@code --log-group} or from the service through
 *       {@code ECS_LOG_PATTERN};</li>
 *   <li>JSON lines, one event per line: {@code message} and {@code timestamp} at least, and any of
 *       {@code logGroup}, {@code logStream}, {@code service}, {@code eventId}, {@code ingestionTime},
 *       {@code cluster} (the {@code ecs-monitor.logs.raw} shape, or the CLI's {@code logStreamName});</li>
 *   <li>CloudWatch Logs subscription payloads as Kinesis carries them: gzip files of one or more
 *       envelopes ({@code messageType}, {@code logGroup}, {@code logStream}, {@code logEvents}), or the
 *       JSON of {@code aws kinesis get-records} with base64 {@code Data}.</li>
 * </ul>
 * An event without an id gets one derived from its file, position and content, so replaying a file
 * twice is dropped as duplicates downstream instead of counted twice.
 */
public final class ReplayReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where events without their own say come from.
     *
     * @param service  service for events that name none (a {@code --service} flag); empty: from the log group
     * @param logGroup log group for events that name none (a {@code --log-group} flag)
     * @param cluster  ECS cluster, when known
     * @param pattern  {@code ECS_LOG_PATTERN}
     */
    public record Defaults(Optional<String> service, Optional<String> logGroup, Optional<String> cluster, LogGroupPattern pattern) {
    }

    /** A file that cannot be replayed, with the reason and where. */
    public static final class ReplayException extends IOException {
        private static final long serialVersionUID = 1L;

        public ReplayException(String message) {
            super(message);
        }
    }

    private final Defaults defaults;

    public ReplayReader(Defaults defaults) {
        this.defaults = defaults;
    }

    /** Reads {@code file} and hands each event to {@code sink}, in file order; returns how many. */
    public long read(Path file, Consumer<LogEvent> sink) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return readEnvelopes(file, new GZIPInputStream(raw), sink);
            }
            byte[] bytes = raw.readAllBytes();
            int first = firstNonSpace(bytes);
            if (first < 0) {
                return 0;
            }
            JsonNode whole = tryParseSingle(bytes);
            if (whole != null && whole.isObject() && whole.has("events") && whole.get("events").isArray()) {
                return readFilterLogEvents(file, whole, sink);
            }
            if (whole != null && whole.isObject() && whole.has("Records") && whole.get("Records").isArray()) {
                return readKinesisRecords(file, whole, sink);
            }
            if (whole != null && whole.isObject() && whole.has("logEvents")) {
                return readEnvelopes(file, new ByteArrayInputStream(bytes), sink);
            }
            return readJsonLines(file, bytes, sink);
        }
    }

    private long readFilterLogEvents(Path file, JsonNode root, Consumer<LogEvent> sink) throws ReplayException {
        String group = defaults.logGroup().or(() -> defaults.service().map(defaults.pattern()::logGroup))
                .orElseThrow(() -> new ReplayException(file + " is 'aws logs filter-log-events' output, which does not name "
                        + "its log group; give --log-group or --service"));
        long n = 0;
        int index = 0;
        for (JsonNode e : root.get("events")) {
            sink.accept(toEvent(file, index++, group, text(e, "logStreamName"), e, "replay"));
            n++;
        }
        return n;
    }

    private long readKinesisRecords(Path file, JsonNode root, Consumer<LogEvent> sink) throws IOException {
        long n = 0;
        int index = 0;
        for (JsonNode r : root.get("Records")) {
            byte[] data;
            try {
                data = Base64.getDecoder().decode(r.path("Data").asText(""));
            } catch (IllegalArgumentException e) {
                throw new ReplayException(file + ": record " + index + " has Data that is not base64");
            }
            InputStream in = new ByteArrayInputStream(data);
            if (data.length > 1 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
                in = new GZIPInputStream(in);
            }
            n += readEnvelopes(file, in, sink);
            index++;
        }
        return n;
    }

    /** Envelopes may be concatenated without separators, as Firehose delivers them. */
    private long readEnvelopes(Path file, InputStream in, Consumer<LogEvent> sink) throws IOException {
        long n = 0;
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            int envelope = 0;
            while (it.hasNextValue()) {
                JsonNode env = it.nextValue();
                if ("CONTROL_MESSAGE".equals(env.path("messageType").asText())) {
                    envelope++;
                    continue;
                }
                String group = text(env, "logGroup");
                String stream = text(env, "logStream");
                if (group == null || stream == null || !env.path("logEvents").isArray()) {
                    throw new ReplayException(file + ": envelope " + envelope
                            + " is not a CloudWatch Logs subscription envelope (needs logGroup, logStream, logEvents)");
                }
                int index = 0;
                for (JsonNode e : env.get("logEvents")) {
                    sink.accept(toEvent(file, envelope * 100_000 + index++, group, stream, e, "replay"));
                    n++;
                }
                envelope++;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ReplayException(file + ": not JSON after gunzip: " + e.getOriginalMessage());
        }
        return n;
    }

    private long readJsonLines(Path file, byte[] bytes, Consumer<LogEvent> sink) throws ReplayException {
        long n = 0;
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            final int lineNo = i + 1;
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (IOException ex) {
                throw new ReplayException(file + ":" + (i + 1) + ": not JSON; expected one event per line, "
                        + "'aws logs filter-log-events' output or a gzip subscription payload");
            }
            if (!e.isObject() || !e.path("message").isTextual()) {
                throw new ReplayException(file + ":" + (i + 1) + ": an event needs a \"message\" string");
            }
            String group = Optional.ofNullable(text(e, "logGroup")).or(() -> Optional.ofNullable(text(e, "logGroupName")))
                    .or(defaults::logGroup)
                    .or(() -> Optional.ofNullable(text(e, "service")).or(defaults::service).map(defaults.pattern()::logGroup))
                    .orElseThrow(() -> new ReplayException(file + ":" + lineNo + ": the event names no logGroup or service; "
                            + "give --log-group or --service"));
            String stream = Optional.ofNullable(text(e, "logStream")).orElse(text(e, "logStreamName"));
            sink.accept(toEvent(file, i, group, stream, e, "replay"));
            n++;
        }
        return n;
    }

    private LogEvent toEvent(Path file, int position, String group, String stream, JsonNode e, String source) {
        String message = e.path("message").asText("");
        long timestamp = e.path("timestamp").asLong(0);
        String logStream = stream == null ? "replay/" + file.getFileName() : stream;
        Optional<AwsLogStream> parts = AwsLogStream.parse(logStream);
        String service = Optional.ofNullable(text(e, "service")).or(defaults::service)
                .or(() -> defaults.pattern().service(group)).orElse(group);
        String id = Optional.ofNullable(text(e, "eventId")).or(() -> Optional.ofNullable(text(e, "id")))
                .orElseGet(() -> derivedId(file, position, logStream, timestamp, message));
        return new LogEvent(service, Optional.ofNullable(text(e, "cluster")).or(defaults::cluster).orElse(null), group, logStream,
                parts.map(AwsLogStream::taskId).orElse(null), parts.map(AwsLogStream::container).orElse(null), id,
                timestamp, e.path("ingestionTime").asLong(0), message, source);
    }

    private static String derivedId(Path file, int position, String stream, long timestamp, String message) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (file.getFileName() + "\u0000" + position + "\u0000" + stream + "\u0000" + timestamp + "\u0000" + message)
                .getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return "replay-" + HexFormat.of().toHexDigits(h);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int firstNonSpace(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The document when {@code bytes} hold exactly one JSON value, else null (JSON lines hold several). */
    private static JsonNode tryParseSingle(byte[] bytes) {
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            JsonNode node = JSON.readTree(p);
            return p.nextToken() == null ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Every event of {@code files}, in order. */
    public List<LogEvent> readAll(List<Path> files) throws IOException {
        List<LogEvent> out = new ArrayList<>();
        for (Path f : files) {
            read(f, out::add);
        }
        return out;
    }

}
