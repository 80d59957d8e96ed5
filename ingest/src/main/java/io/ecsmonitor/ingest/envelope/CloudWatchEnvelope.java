package io.ecsmonitor.ingest.envelope;

import java.util.List;

/**
 * What a CloudWatch Logs subscription filter writes into each Kinesis record (gzip-compressed JSON).
 *
 * @param messageType         {@value #DATA_MESSAGE} for log events, {@value #CONTROL_MESSAGE} for the
 *                            reachability checks CloudWatch sends when a subscription is created
 * @param owner               the AWS account id of the log group
 * @param logGroup            the log group
 * @param logStream           the log stream
 * @param subscriptionFilters the subscription filters that matched
 * @param logEvents           the events, in the order CloudWatch wrote them
 */
public record CloudWatchEnvelope(String messageType, String owner, String logGroup, String logStream,
                                 List<String> subscriptionFilters, List<Entry> logEvents) {

    /** An envelope of log events. */
    public static final String DATA_MESSAGE = "DATA_MESSAGE";
    /** An envelope CloudWatch sends to check the destination; it carries no log event. */
    public static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    /**
     * One log event of an envelope.
     *
     * @param id        the CloudWatch event id
     * @param timestamp event time, ms since the epoch
     * @param message   the log line
     */
    public record Entry(String id, long timestamp, String message) {
    }

    /** True for {@value #CONTROL_MESSAGE} envelopes. */
    public boolean isControl() {
        return CONTROL_MESSAGE.equals(messageType);
    }
}
