package io.ecsmonitor.ingest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Kinesis payloads built the way a CloudWatch Logs subscription filter builds them: gzip of the JSON envelope. */
public final class CloudWatchPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One log event of an envelope.
     *
     * @param id        event id
     * @param timestamp event time
     * @param message   text
     */
    public record Entry(String id, long timestamp, String message) {
    }

    private CloudWatchPayloads() {
    }

    /** A DATA_MESSAGE envelope, gzipped. */
    public static byte[] data(String logGroup, String logStream, List<Entry> events) {
        ObjectNode root = JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("owner", "123456789012")
                .put("logGroup", logGroup).put("logStream", logStream);
        root.putArray("subscriptionFilters").add("ecs-monitor");
        ArrayNode array = root.putArray("logEvents");
        for (Entry e : events) {
            array.addObject().put("id", e.id()).put("timestamp", e.timestamp()).put("message", e.message());
        }
        return Kinesalite.gzip(root.toString());
    }

    /** The CONTROL_MESSAGE CloudWatch sends when a subscription is created, gzipped. */
    public static byte[] control() {
        return Kinesalite.gzip("{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1763770000000,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.\"}]}");
    }

    /** An event id with CloudWatch's shape (56 digits) made from a number. */
    public static String eventId(long n) {
        return String.format("%056d", n);
    }
}
