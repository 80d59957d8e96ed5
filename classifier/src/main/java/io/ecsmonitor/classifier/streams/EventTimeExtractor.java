package io.ecsmonitor.classifier.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a raw record: the CloudWatch event's {@code timestamp}, unless it is further ahead than
 * {@code classifier.max.future.ms} of when the event was ingested (its {@code ingestionTime}, else this
 * classifier's clock): then that ingestion time, so that one container with a wrong clock cannot move stream
 * time ahead for its whole partition. {@link ParseProcessor} gives the event the same time and counts it.
 * The record's own timestamp when the value is missing or has none (validation sends such records to the DLQ).
 */
final class EventTimeExtractor implements TimestampExtractor {

    private final long maxFutureMs;

    EventTimeExtractor(long maxFutureMs) {
        this.maxFutureMs = maxFutureMs;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof RawLogEvent raw && raw.event().timestamp() > 0) {
            return eventTime(raw.event().timestamp(), raw.event().ingestionTime(), System.currentTimeMillis(),
                    maxFutureMs);
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }

    /**
     * The event time of an event stamped {@code timestamp}: that, or its ingestion time ({@code ingestionTime}
     * when known, else {@code nowMs}) when the stamp is more than {@code maxFutureMs} ahead of it.
     */
    static long eventTime(long timestamp, long ingestionTime, long nowMs, long maxFutureMs) {
        long ingested = ingestionTime > 0 ? ingestionTime : nowMs;
        return timestamp - ingested > maxFutureMs ? ingested : timestamp;
    }
}
