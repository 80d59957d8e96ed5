package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.dlq.DeadLetter;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a rejected record into a dead letter: its bytes with the {@link DeadLetter} headers naming the
 * stage, the reason and where the record was read, and counts it.
 *
 * @param <V> the rejected value type
 */
final class DeadLetterProcessor<V> implements FixedKeyProcessor<String, V, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

    private final String stage;
    private final Function<V, String> reason;
    private final Function<V, DropCounters.Reason> counter;
    private final Function<V, byte[]> bytes;
    private final java.util.function.ToLongFunction<V> count;
    private FixedKeyProcessorContext<String, byte[]> context;
    private DropCounters counters;

    DeadLetterProcessor(String stage, Function<V, String> reason, Function<V, DropCounters.Reason> counter,
            Function<V, byte[]> bytes) {
        this(stage, reason, counter, bytes, v -> 1);
    }

    /** {@code count}: how many events the record stands for (a late delta counts its events). */
    DeadLetterProcessor(String stage, Function<V, String> reason, Function<V, DropCounters.Reason> counter,
            Function<V, byte[]> bytes, java.util.function.ToLongFunction<V> count) {
        this.stage = stage;
        this.reason = reason;
        this.counter = counter;
        this.bytes = bytes;
        this.count = count;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
        this.counters = DropCounters.from(context.appConfigs());
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String why = reason.apply(record.value());
        RecordMetadata m = context.recordMetadata().orElse(null);
        String topic = m == null ? null : m.topic();
        int partition = m == null ? -1 : m.partition();
        long offset = m == null ? -1 : m.offset();
        LOG.warn("dead-lettered record stage={} topic={} partition={} offset={} reason={}",
                stage, topic, partition, offset, why);
        counters.add(counter.apply(record.value()), count.applyAsLong(record.value()));
        Headers headers = DeadLetter.fromKafka(stage, why, topic, partition, offset, context.currentSystemTimeMs());
        context.forward(record.withValue(bytes.apply(record.value())).withHeaders(headers));
    }
}
