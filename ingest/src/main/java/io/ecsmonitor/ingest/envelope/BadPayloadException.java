package io.ecsmonitor.ingest.envelope;

/** A Kinesis record that is not a CloudWatch Logs envelope; the message is the reason, one sentence. */
public final class BadPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A payload rejected for {@code reason}. */
    public BadPayloadException(String reason) {
        super(reason);
    }
}
