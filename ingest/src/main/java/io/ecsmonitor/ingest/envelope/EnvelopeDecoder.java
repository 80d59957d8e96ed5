package io.ecsmonitor.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the payload of a Kinesis record written by a CloudWatch Logs subscription filter: gzip, then
 * JSON, then the envelope's shape. Anything else is a {@link BadPayloadException} that says which of
 * the three it failed.
 */
public final class EnvelopeDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Decompressed envelopes larger than this are rejected (Kinesis records are at most 1 MiB compressed). */
    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    private EnvelopeDecoder() {
    }

    /**
     * Decodes one payload.
     *
     * @throws BadPayloadException when it is not gzip, not JSON, or not an envelope
     */
    public static CloudWatchEnvelope decode(byte[] payload) throws BadPayloadException {
        byte[] json = gunzip(payload);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BadPayloadException("not JSON after gunzip: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadPayloadException("not a CloudWatch Logs envelope: the JSON is not an object");
        }
        String type = text(root, "messageType");
        if (type == null) {
            throw new BadPayloadException("not a CloudWatch Logs envelope: no messageType");
        }
        List<String> filters = new ArrayList<>();
        root.path("subscriptionFilters").forEach(f -> filters.add(f.asText()));
        if (CloudWatchEnvelope.CONTROL_MESSAGE.equals(type)) {
            return new CloudWatchEnvelope(type, text(root, "owner"), text(root, "logGroup"), text(root, "logStream"),
                    filters, List.of());
        }
        if (!CloudWatchEnvelope.DATA_MESSAGE.equals(type)) {
            throw new BadPayloadException("not a CloudWatch Logs envelope: unknown messageType '" + type + "'");
        }
        String group = text(root, "logGroup");
        String stream = text(root, "logStream");
        if (group == null || group.isEmpty() || stream == null || stream.isEmpty()) {
            throw new BadPayloadException("not a CloudWatch Logs envelope: logGroup or logStream missing");
        }
        JsonNode events = root.get("logEvents");
        if (events == null || !events.isArray()) {
            throw new BadPayloadException("not a CloudWatch Logs envelope: logEvents is not an array");
        }
        List<CloudWatchEnvelope.Entry> entries = new ArrayList<>(events.size());
        int i = 0;
        for (JsonNode e : events) {
            String id = text(e, "id");
            JsonNode ts = e.get("timestamp");
            JsonNode message = e.get("message");
            if (id == null || id.isEmpty() || ts == null || !ts.canConvertToLong() || message == null || !message.isTextual()) {
                throw new BadPayloadException("not a CloudWatch Logs envelope: logEvents[" + i
                        + "] lacks an id, a numeric timestamp or a message");
            }
            entries.add(new CloudWatchEnvelope.Entry(id, ts.asLong(), message.asText()));
            i++;
        }
        return new CloudWatchEnvelope(type, text(root, "owner"), group, stream, filters, List.copyOf(entries));
    }

    private static byte[] gunzip(byte[] payload) throws BadPayloadException {
        if (payload == null || payload.length < 2 || (payload[0] & 0xff) != 0x1f || (payload[1] & 0xff) != 0x8b) {
            throw new BadPayloadException("not gzip: the payload does not start with the gzip magic bytes 1f 8b");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            byte[] out = in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
            if (out.length > MAX_DECOMPRESSED_BYTES) {
                throw new BadPayloadException("not a CloudWatch Logs envelope: more than "
                        + MAX_DECOMPRESSED_BYTES + " bytes after gunzip");
            }
            return out;
        } catch (IOException e) {
            throw new BadPayloadException("not gzip: " + firstLine(e.getMessage()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
