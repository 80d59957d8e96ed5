package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.LogEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the event out of a valid raw record. When {@link EventTimeExtractor} gave the record an earlier time
 * than the event's own timestamp (a timestamp too far ahead of its ingestion), the event takes the record's
 * time, so that dedup, stitching and the windows all see the time the record was ordered by; the event is
 * counted and the first ones of each instance are logged with their original timestamp.
 */
final class ParseProcessor implements FixedKeyProcessor<String, RawLogEvent, LogEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);
    /** How many corrected events an instance logs at WARN; the rest at DEBUG (the counter has them all). */
    private static final int WARNINGS = 20;

    private FixedKeyProcessorContext<String, LogEvent> context;
    private DropCounters counters;

    @Override
    public void init(FixedKeyProcessorContext<String, LogEvent> context) {
        this.context = context;
        this.counters = DropCounters.from(context.appConfigs());
    }

    @Override
    public void process(FixedKeyRecord<String, RawLogEvent> record) {
        LogEvent e = record.value().event();
        long time = record.timestamp();
        if (e.timestamp() > time) {
            long n = counters.futureTimestamp();
            String text = "event {} of stream {} is stamped {} ms ahead of its ingestion; counted at {} instead"
                    + " (classifier.max.future.ms)";
            if (n <= WARNINGS) {
                LOG.warn(text, e.eventId(), record.key(), e.timestamp() - time, java.time.Instant.ofEpochMilli(time));
            } else {
                LOG.debug(text, e.eventId(), record.key(), e.timestamp() - time, java.time.Instant.ofEpochMilli(time));
            }
            e = new LogEvent(e.service(), e.cluster(), e.logGroup(), e.logStream(), e.taskId(), e.container(),
                    e.eventId(), time, e.ingestionTime(), e.message(), e.source());
        }
        context.forward(record.withValue(e));
    }
}
