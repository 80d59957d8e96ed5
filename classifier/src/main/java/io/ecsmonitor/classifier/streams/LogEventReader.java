package io.ecsmonitor.classifier.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;

/**
 * Reads the usual {@code ecs-monitor.logs.raw} value, one flat JSON object of strings and integers, with
 * Jackson's streaming parser instead of databind's reflective record creator. Anything less usual (a
 * field of another type, a duplicate field, malformed or trailing content) returns null, and the caller
 * reads the value with the topic's own serde, so the result, and the error of a bad value, are those of
 * databind.
 */
final class LogEventReader {

    private LogEventReader() {
    }

    /** The event, or null when this reader leaves the value to databind. */
    static LogEvent read(byte[] data) {
        try (JsonParser p = JsonSerde.MAPPER.getFactory().createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String service = null, cluster = null, logGroup = null, logStream = null, taskId = null;
            String container = null, eventId = null, message = null, source = null;
            long timestamp = 0, ingestionTime = 0;
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit;
                switch (name) {
                    case "timestamp", "ingestionTime" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                                && p.getNumberType() != JsonParser.NumberType.LONG) {
                            return null;
                        }
                        bit = name.equals("timestamp") ? 1 : 2;
                        if (bit == 1) {
                            timestamp = p.getLongValue();
                        } else {
                            ingestionTime = p.getLongValue();
                        }
                    }
                    case "service", "cluster", "logGroup", "logStream", "taskId", "container", "eventId", "message",
                         "source" -> {
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        String s = v == JsonToken.VALUE_NULL ? null : p.getText();
                        switch (name) {
                            case "service" -> { service = s; bit = 4; }
                            case "cluster" -> { cluster = s; bit = 8; }
                            case "logGroup" -> { logGroup = s; bit = 16; }
                            case "logStream" -> { logStream = s; bit = 32; }
                            case "taskId" -> { taskId = s; bit = 64; }
                            case "container" -> { container = s; bit = 128; }
                            case "eventId" -> { eventId = s; bit = 256; }
                            case "message" -> { message = s; bit = 512; }
                            default -> { source = s; bit = 1024; }
                        }
                    }
                    default -> {
                        return null; // unknown fields: databind decides (it ignores them)
                    }
                }
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return new LogEvent(service, cluster, logGroup, logStream, taskId, container, eventId, timestamp,
                    ingestionTime, message, source);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
