package io.ecsmonitor.classifier.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a raw record: the CloudWatch event's {@code timestamp}; the record's own timestamp when
 * the value is missing or has none (validation sends such records to the DLQ).
 */
final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof RawLogEvent raw && raw.event().timestamp() > 0) {
            return raw.event().timestamp();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
