package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.LogEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an event whose {@code eventId} was already seen within the dedup window of event time
 * (CloudWatch delivery is at-least-once and polling windows overlap), counting what it drops. The ids
 * live in {@link RecentEventIds}: batches per log stream in a changelogged store, written just before each
 * commit (about one changelog record per active stream and commit), looked up through an index in memory
 * that is rebuilt from the store whenever Kafka Streams initialises this processor (after a restore or a
 * roll-back).
 */
final class DedupProcessor implements FixedKeyProcessor<String, LogEvent, LogEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

    private final long windowMs;
    private FixedKeyProcessorContext<String, LogEvent> context;
    private RecentEventIds seen;
    private DropCounters counters;

    DedupProcessor(long windowMs) {
        this.windowMs = windowMs;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LogEvent> context) {
        this.context = context;
        PreCommitStore<KeyValueStore<String, EventIdBatch>> store = context.getStateStore(ClassifierTopology.DEDUP_STORE);
        this.seen = new RecentEventIds(store.store(), windowMs);
        seen.load();
        store.beforeCommit(seen::writeBack);
        this.counters = DropCounters.from(context.appConfigs());
    }

    @Override
    public void process(FixedKeyRecord<String, LogEvent> record) {
        LogEvent e = record.value();
        if (seen.seen(e.eventId(), e.timestamp())) {
            counters.increment(DropCounters.Reason.DUPLICATE);
            LOG.trace("dropped duplicate eventId={} stream={}", e.eventId(), record.key());
            return;
        }
        seen.add(record.key() != null ? record.key() : e.streamKey(), e.eventId(), e.timestamp());
        context.forward(record);
    }
}
