package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a value of {@code ecs-monitor.logs.raw}: refuses a value larger than the limit before parsing
 * it, and one that is not valid UTF-8 with the offset of the first bad byte; then parses the JSON with
 * the topic's own serde. Every refusal is a {@link SerializationException} whose message is the DLQ
 * reason. The usual flat object is read by {@link LogEventReader}, anything else by the serde.
 */
final class RawLogEventDeserializer implements Deserializer<RawLogEvent> {

    private final int maxRecordBytes;
    private final Deserializer<LogEvent> json = Topics.LOGS_RAW.valueSerde().deserializer();

    RawLogEventDeserializer(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public RawLogEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > maxRecordBytes) {
            throw new SerializationException("record of " + data.length + " bytes is larger than "
                    + ClassifierStreamsConfig.MAX_RECORD_BYTES_CONFIG + "=" + maxRecordBytes);
        }
        int bad = firstInvalidUtf8(data);
        if (bad >= 0) {
            throw new SerializationException("not valid UTF-8: byte 0x"
                    + Integer.toHexString(data[bad] & 0xff) + " at offset " + bad);
        }
        LogEvent event = LogEventReader.read(data);
        if (event == null) {
            event = json.deserialize(topic, data);
        }
        return event == null ? null : new RawLogEvent(event, data);
    }

    /** The offset of the first byte of an invalid UTF-8 sequence, or -1. */
    static int firstInvalidUtf8(byte[] data) {
        boolean ascii = true;
        for (byte b : data) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return -1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            decoder.decode(in);
            return -1;
        } catch (CharacterCodingException e) {
            return Math.min(in.position(), data.length - 1);
        }
    }
}
