package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link ClassifiedEvent} for {@code ecs-monitor.logs.classified} with Jackson's streaming
 * generator: the very bytes the topic's {@link JsonSerde} writes (fields in record order, nulls left out,
 * the category by its wire name), without databind's reflective record accessors, which cost more than
 * the classification itself. A test holds the two byte for byte.
 */
final class ClassifiedEventSerializer implements Serializer<ClassifiedEvent> {

    @Override
    public byte[] serialize(String topic, ClassifiedEvent e) {
        if (e == null) {
            return null;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(JsonSerde.MAPPER.getFactory()._getBufferRecycler(),
                256 + (e.message() == null ? 0 : e.message().length()));
        try (JsonGenerator g = JsonSerde.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            string(g, "service", e.service());
            string(g, "cluster", e.cluster());
            string(g, "logGroup", e.logGroup());
            string(g, "logStream", e.logStream());
            string(g, "taskId", e.taskId());
            string(g, "container", e.container());
            string(g, "eventId", e.eventId());
            g.writeNumberField("timestamp", e.timestamp());
            g.writeNumberField("lines", e.lines());
            string(g, "category", e.category() == null ? null : e.category().wireName());
            string(g, "fingerprint", e.fingerprint());
            g.writeNumberField("httpStatus", e.httpStatus());
            string(g, "message", e.message());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new SerializationException("cannot write ClassifiedEvent for topic " + topic, ex);
        }
        byte[] bytes = out.toByteArray();
        out.release();
        return bytes;
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
