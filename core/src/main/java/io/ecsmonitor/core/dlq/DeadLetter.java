package io.ecsmonitor.core.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record on the dead-letter topic: why it could not be processed and where it came
 * from. The value and key are the original bytes, untouched, so nothing is lost and a record can be
 * replayed once the cause is fixed. All header values are UTF-8 text.
 */
public final class DeadLetter {

    /** Why the record was rejected, one sentence: {@code not JSON: Unexpected character ...}. */
    public static final String REASON = "ecs-monitor.dlq.reason";
    /** The stage that rejected it: {@code deserialize}, {@code validate}, {@code late}, {@code ingest}, … */
    public static final String STAGE = "ecs-monitor.dlq.stage";
    /** The Kafka topic the record was read from, when it came from Kafka. */
    public static final String SOURCE_TOPIC = "ecs-monitor.dlq.source.topic";
    /** The partition it was read from. */
    public static final String SOURCE_PARTITION = "ecs-monitor.dlq.source.partition";
    /** The offset it was read from. */
    public static final String SOURCE_OFFSET = "ecs-monitor.dlq.source.offset";
    /**
     * A position outside Kafka, for records rejected at ingest: {@code kinesis:<stream>/<shard>/<sequence>}
     * or {@code logs:<logGroup>/<logStream>/<eventId>}.
     */
    public static final String SOURCE_POSITION = "ecs-monitor.dlq.source.position";
    /** Milliseconds since the epoch when it was rejected. */
    public static final String REJECTED_AT = "ecs-monitor.dlq.rejected.at";

    private DeadLetter() {
    }

    /** Headers for a record read from Kafka at {@code topic}/{@code partition}/{@code offset}. */
    public static Headers fromKafka(String stage, String reason, String topic, int partition, long offset, long now) {
        RecordHeaders h = new RecordHeaders();
        put(h, REASON, reason);
        put(h, STAGE, stage);
        put(h, SOURCE_TOPIC, topic);
        put(h, SOURCE_PARTITION, Integer.toString(partition));
        put(h, SOURCE_OFFSET, Long.toString(offset));
        put(h, REJECTED_AT, Long.toString(now));
        return h;
    }

    /** Headers for a record rejected before it reached Kafka, at {@code position}. */
    public static Headers fromSource(String stage, String reason, String position, long now) {
        RecordHeaders h = new RecordHeaders();
        put(h, REASON, reason);
        put(h, STAGE, stage);
        put(h, SOURCE_POSITION, position);
        put(h, REJECTED_AT, Long.toString(now));
        return h;
    }

    /** The text of header {@code key}, when present. */
    public static Optional<String> header(Headers headers, String key) {
        Header last = headers.lastHeader(key);
        return last == null || last.value() == null
                ? Optional.empty() : Optional.of(new String(last.value(), StandardCharsets.UTF_8));
    }

    /** A reason cut to a length a header and a log line can carry. */
    public static String shorten(String reason) {
        if (reason == null) {
            return "unknown";
        }
        return reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
    }

    private static void put(Headers h, String key, String value) {
        if (value != null) {
            h.add(key, shorten(value).getBytes(StandardCharsets.UTF_8));
        }
    }
}
