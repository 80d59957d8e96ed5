package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.model.Alert;

/** One destination of alerts. Implementations are called from one thread. */
public interface AlertSink extends AutoCloseable {

    /** A short name for logs and the dead-letter stage: {@code file}, {@code webhook}, {@code slack}, {@code sns}. */
    String name();

    /**
     * Delivers one alert, once; the caller retries.
     *
     * @throws DeliveryException when it was not delivered, saying whether a retry may help
     */
    void deliver(Alert alert) throws DeliveryException;

    /**
     * True when the sink notifies people, so a silence holds its alerts back (webhook, Slack, SNS); false for
     * a record of every alert, which a silence does not touch (the files).
     */
    default boolean notifiesPeople() {
        return true;
    }

    /**
     * True when, during an alert storm, the sink takes one digest of many alerts instead of each alert
     * ({@link #deliverDigest}): the channels people read (Slack, SNS e-mail/SMS). False for machines and records.
     */
    default boolean digests() {
        return false;
    }

    /**
     * Delivers several alerts of an alert storm as one message, once; the caller retries. The default delivers
     * them one by one.
     *
     * @param alerts the alerts, in the order they were read
     * @param window the span they arrived in
     */
    default void deliverDigest(java.util.List<Alert> alerts, java.time.Duration window) throws DeliveryException {
        for (Alert a : alerts) {
            deliver(a);
        }
    }

    @Override
    default void close() {
    }

    /** A delivery that failed. */
    final class DeliveryException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        public DeliveryException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public DeliveryException(String message, boolean retryable) {
            this(message, retryable, null);
        }

        /** True when the same call may succeed later (timeouts, throttling, 5xx). */
        public boolean retryable() {
            return retryable;
        }
    }
}
