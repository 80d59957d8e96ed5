package io.ecsmonitor.ingest.kinesis;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.ingest.connect.LogRecords;
import io.ecsmonitor.ingest.envelope.BadPayloadException;
import io.ecsmonitor.ingest.envelope.CloudWatchEnvelope;
import io.ecsmonitor.ingest.envelope.EnvelopeDecoder;
import io.ecsmonitor.ingest.envelope.LogEventMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard: keeps its iterator, its position (the sequence number of the last record handled
 * and the index of the last log event emitted from it), its call pacing and its backoff.
 *
 * <p>The source offset of every record is {@code {seq, idx}}; {@code idx} = {@value #WHOLE_RECORD}
 * marks a Kinesis record handled as a whole (a dead letter). A reader resumes at that sequence number
 * and skips the events up to that index, so a restart neither loses nor repeats an event.
 */
final class ShardReader {

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    static final String SEQ = "seq";
    static final String IDX = "idx";
    static final int WHOLE_RECORD = Integer.MAX_VALUE;
    static final long BACKOFF_START_MS = 500;

    private final KinesisClient kinesis;
    private final KinesisSourceConfig config;
    private final LogEventMapper mapper;
    private final KinesisTaskMetrics metrics;
    private final String shardId;
    private final List<String> parents;
    private final Map<String, String> partition;
    private final boolean startFromOldest;

    private String iterator;
    private String resumeSeq;
    private int resumeIdx;
    private boolean skipping;
    private boolean finished;
    private long nextCallAt;
    private long backoffMs;

    ShardReader(KinesisClient kinesis, KinesisSourceConfig config, LogEventMapper mapper, KinesisTaskMetrics metrics,
                String shardId, List<String> parents, boolean startFromOldest, Map<String, Object> storedOffset) {
        this.kinesis = kinesis;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
        this.shardId = shardId;
        this.parents = parents;
        this.startFromOldest = startFromOldest;
        this.partition = partition(config.stream(), shardId);
        if (storedOffset != null && storedOffset.get(SEQ) != null) {
            resumeSeq = storedOffset.get(SEQ).toString();
            resumeIdx = ((Number) storedOffset.getOrDefault(IDX, WHOLE_RECORD)).intValue();
            skipping = true;
        }
    }

    /** The source partition of a shard. */
    static Map<String, String> partition(String stream, String shardId) {
        return Map.of("stream", stream, "shard", shardId);
    }

    String shardId() {
        return shardId;
    }

    List<String> parents() {
        return parents;
    }

    boolean finished() {
        return finished;
    }

    long nextCallAt() {
        return nextCallAt;
    }

    /** One GetRecords call (and a GetShardIterator call when needed); the records it yields. */
    List<SourceRecord> read(long now) {
        nextCallAt = now + config.intervalMs();
        try {
            if (iterator == null) {
                iterator = newIterator();
            }
            GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(iterator).limit(config.maxRecords()));
            backoffMs = 0;
            List<SourceRecord> out = new ArrayList<>();
            for (Record record : response.records()) {
                handle(record, out);
            }
            if (response.millisBehindLatest() != null) {
                metrics.millisBehind(shardId, response.millisBehindLatest());
            }
            iterator = response.nextShardIterator();
            if (iterator == null) {
                finished = true;
                LOG.info("shard {} of {} read to its end", shardId, config.stream());
            }
            return out;
        } catch (ProvisionedThroughputExceededException e) {
            metrics.throttledCall();
            backOff(now, "throughput exceeded");
        } catch (ExpiredIteratorException e) {
            LOG.info("iterator of shard {} expired; renewing it from the last position", shardId);
            iterator = null;
        } catch (ResourceNotFoundException e) {
            LOG.warn("shard {} of {} no longer exists (expired); treating it as read", shardId, config.stream());
            finished = true;
        } catch (SdkException e) {
            backOff(now, e.toString());
        }
        return List.of();
    }

    private void backOff(long now, String why) {
        backoffMs = backoffMs == 0 ? BACKOFF_START_MS : Math.min(backoffMs * 2, config.backoffMaxMs());
        nextCallAt = now + backoffMs;
        LOG.warn("shard {}: {}; backing off {} ms", shardId, why, backoffMs);
    }

    private String newIterator() {
        GetShardIteratorRequest.Builder b = GetShardIteratorRequest.builder().streamName(config.stream()).shardId(shardId);
        if (resumeSeq != null) {
            b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(resumeSeq);
            skipping = true;
        } else if (startFromOldest) {
            b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else {
            switch (config.initialPosition()) {
                case LATEST -> b.shardIteratorType(ShardIteratorType.LATEST);
                case AT_TIMESTAMP -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(config.initialTimestamp());
                default -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            }
        }
        return kinesis.getShardIterator(b.build()).shardIterator();
    }

    private void handle(Record record, List<SourceRecord> out) {
        String seq = record.sequenceNumber();
        int skipUpTo = -1;
        if (skipping) {
            skipping = false;
            if (seq.equals(resumeSeq)) {
                if (resumeIdx == WHOLE_RECORD) {
                    return;
                }
                skipUpTo = resumeIdx;
            }
        }
        byte[] payload = record.data().asByteArray();
        String position = "kinesis:" + config.stream() + "/" + shardId + "/" + seq;
        CloudWatchEnvelope envelope;
        try {
            envelope = EnvelopeDecoder.decode(payload);
        } catch (BadPayloadException e) {
            deadLetter(out, record, payload, e.getMessage(), position);
            return;
        }
        if (envelope.isControl()) {
            metrics.controlMessage();
            remember(seq, WHOLE_RECORD);
            return;
        }
        Optional<String> service = mapper.service(envelope.logGroup());
        if (service.isEmpty()) {
            deadLetter(out, record, payload, "log group '" + envelope.logGroup() + "' does not match the log group pattern '"
                    + mapper.pattern() + "'; fix ecs.log.pattern or the subscription filter", position);
            return;
        }
        List<CloudWatchEnvelope.Entry> entries = envelope.logEvents();
        for (int i = skipUpTo + 1; i < entries.size(); i++) {
            CloudWatchEnvelope.Entry e = entries.get(i);
            LogEvent event = mapper.map(service.get(), envelope.logGroup(), envelope.logStream(), e.id(), e.timestamp(), 0,
                    e.message());
            out.add(LogRecords.event(partition, offset(seq, i), config.topic(), event));
            metrics.event();
        }
        remember(seq, entries.isEmpty() ? WHOLE_RECORD : entries.size() - 1);
    }

    private void deadLetter(List<SourceRecord> out, Record record, byte[] payload, String reason, String position) {
        metrics.deadLetter();
        LOG.warn("dead letter at {}: {}", position, reason);
        out.add(LogRecords.deadLetter(partition, offset(record.sequenceNumber(), WHOLE_RECORD), config.dlqTopic(),
                record.partitionKey(), payload, reason, position));
        remember(record.sequenceNumber(), WHOLE_RECORD);
    }

    /** Where to resume if the iterator has to be renewed. */
    private void remember(String seq, int idx) {
        resumeSeq = seq;
        resumeIdx = idx;
    }

    private static Map<String, Object> offset(String seq, int idx) {
        return Map.of(SEQ, seq, IDX, idx);
    }
}
