package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.LogEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an event whose {@code eventId} was already seen within the dedup window of event time
 * (CloudWatch delivery is at-least-once and polling windows overlap), counting what it drops. The ids
 * live in a window store whose retention is the dedup window, so it stays bounded.
 */
final class DedupProcessor implements FixedKeyProcessor<String, LogEvent, LogEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

    private final long windowMs;
    private FixedKeyProcessorContext<String, LogEvent> context;
    private WindowStore<String, Long> seen;
    private DropCounters counters;

    DedupProcessor(long windowMs) {
        this.windowMs = windowMs;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LogEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(ClassifierTopology.DEDUP_STORE);
        this.counters = DropCounters.from(context.appConfigs());
    }

    @Override
    public void process(FixedKeyRecord<String, LogEvent> record) {
        LogEvent e = record.value();
        long ts = e.timestamp();
        try (WindowStoreIterator<Long> it = seen.fetch(e.eventId(), ts - windowMs, ts + windowMs)) {
            if (it.hasNext()) {
                counters.increment(DropCounters.Reason.DUPLICATE);
                LOG.trace("dropped duplicate eventId={} stream={}", e.eventId(), record.key());
                return;
            }
        }
        seen.put(e.eventId(), ts, ts);
        context.forward(record);
    }
}
