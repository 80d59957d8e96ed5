package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.topic.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison input: a record that cannot be deserialized goes to {@code ecs-monitor.dlq} with its original
 * key and value and the {@link DeadLetter} headers (stage {@code deserialize}), is counted in
 * {@link DropCounters.Reason#UNREADABLE}, and processing goes on. The dead letter is produced by Kafka
 * Streams itself, in the same transaction as the input's offset under exactly-once.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    static final String STAGE = "deserialize";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DropCounters counters = new DropCounters();

    @Override
    public void configure(Map<String, ?> configs) {
        counters = DropCounters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        String reason = exception.getMessage() == null ? exception.toString() : exception.getMessage();
        LOG.warn("dead-lettered unreadable record topic={} partition={} offset={} reason={}",
                context.topic(), context.partition(), context.offset(), DeadLetter.shorten(reason));
        counters.increment(DropCounters.Reason.UNREADABLE);
        // Partition 0 explicitly: every DLQ has it (one partition by default), and Streams sends this record
        // through its own producer without a partitioner of its own.
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.DLQ.name(), 0, null,
                record.key(), record.value(), DeadLetter.fromKafka(STAGE, reason, context.topic(),
                context.partition(), context.offset(), System.currentTimeMillis()));
        return Response.resume(List.of(dead));
    }
}
