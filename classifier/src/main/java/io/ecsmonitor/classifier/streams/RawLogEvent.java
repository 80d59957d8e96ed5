package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.LogEvent;

/**
 * A raw record as read: the parsed event and its original bytes, kept until validation so that a
 * rejected record reaches the DLQ untouched.
 *
 * @param event the parsed event
 * @param raw   the record value as it was on the topic
 */
record RawLogEvent(LogEvent event, byte[] raw) {
}
