package io.ecsmonitor.ingest.connect;

import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the Connect records of both connectors. Log events are written as a STRING key
 * ({@link LogEvent#streamKey()}) and a BYTES value that holds exactly the bytes of
 * {@code Topics.LOGS_RAW.valueSerde()}; with {@code key.converter=StringConverter} and
 * {@code value.converter=ByteArrayConverter} the topic receives the same records a Kafka producer with
 * the topic's serdes would write. Dead letters carry the original payload and the
 * {@link DeadLetter} headers as strings.
 */
public final class LogRecords {

    /** The key converter the connectors need. */
    public static final String KEY_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /** The value converter the connectors need. */
    public static final String VALUE_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";
    /** The header converter the connectors need (dead-letter headers as UTF-8 text). */
    public static final String HEADER_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /** The converter settings to put in a connector's configuration. */
    public static final Map<String, String> CONVERTERS = Map.of(
            "key.converter", KEY_CONVERTER,
            "value.converter", VALUE_CONVERTER,
            "header.converter", HEADER_CONVERTER);

    private static final Serializer<LogEvent> VALUES = Topics.LOGS_RAW.valueSerde().serializer();

    private LogRecords() {
    }

    /** The record of one log event. */
    public static SourceRecord event(Map<String, ?> partition, Map<String, ?> offset, String topic, LogEvent event) {
        byte[] value = VALUES.serialize(topic, event);
        return new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, event.streamKey(),
                Schema.BYTES_SCHEMA, value, event.timestamp());
    }

    /**
     * A dead letter.
     *
     * @param key      the original key or a position, as text; may be null
     * @param payload  the original bytes, untouched
     * @param position {@code kinesis:<stream>/<shard>/<sequence>} or {@code logs:<group>/<stream>/<id>}
     */
    public static SourceRecord deadLetter(Map<String, ?> partition, Map<String, ?> offset, String dlqTopic, String key,
                                          byte[] payload, String reason, String position) {
        ConnectHeaders headers = new ConnectHeaders();
        for (Header h : DeadLetter.fromSource("ingest", reason, position, System.currentTimeMillis())) {
            headers.addString(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return new SourceRecord(partition, offset, dlqTopic, null, Schema.OPTIONAL_STRING_SCHEMA, key,
                Schema.BYTES_SCHEMA, payload, null, headers);
    }
}
