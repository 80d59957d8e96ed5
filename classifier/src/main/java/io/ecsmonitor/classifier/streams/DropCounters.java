package io.ecsmonitor.classifier.streams;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the records the classifier did not pass on as events, by reason. One instance per
 * {@code KafkaStreams} instance, shared by its threads and its deserialization handler through the
 * application configs under {@link #CONFIG_KEY} ({@link ClassifierService} puts it there). Thread-safe.
 * Under exactly-once a record reprocessed after an aborted transaction is counted again, so these
 * are operational counters, not exact totals.
 */
public final class DropCounters {

    /** The application-config key under which the instance is passed to the topology's operators. */
    public static final String CONFIG_KEY = "ecs-monitor.classifier.drop.counters";

    /** Why a record was not passed on. */
    public enum Reason {
        /** Not deserializable: not JSON, not UTF-8, or larger than {@code classifier.max.record.bytes} (DLQ, stage deserialize). */
        UNREADABLE,
        /** A required field is missing, or the value is empty (DLQ, stage validate). */
        MISSING_FIELD,
        /** The message is longer than {@code classifier.max.message.bytes} (DLQ, stage validate). */
        OVERSIZE,
        /** The eventId was seen within the dedup window (dropped). */
        DUPLICATE,
        /** The event's stats window had closed (past grace) when it arrived (DLQ, stage late). */
        LATE
    }

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);
    private final LongAdder futureTimestamps = new LongAdder();

    public DropCounters() {
        for (Reason r : Reason.values()) {
            counts.put(r, new LongAdder());
        }
    }

    void increment(Reason reason) {
        counts.get(reason).increment();
    }

    void add(Reason reason, long n) {
        counts.get(reason).add(n);
    }

    /** Counts an event passed on at its ingestion time, its timestamp being too far ahead; returns the count. */
    long futureTimestamp() {
        futureTimestamps.increment();
        return futureTimestamps.sum();
    }

    /**
     * Events passed on (not dropped) at their ingestion time because their timestamp was further ahead than
     * {@code classifier.max.future.ms}.
     */
    public long futureTimestamps() {
        return futureTimestamps.sum();
    }

    /** The count for {@code reason} so far. */
    public long get(Reason reason) {
        return counts.get(reason).sum();
    }

    /** Every count, in the order of {@link Reason}. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> m = new EnumMap<>(Reason.class);
        counts.forEach((r, a) -> m.put(r, a.sum()));
        return m;
    }

    /** The instance in the application configs, or a new one (counts then seen only in the logs). */
    static DropCounters from(Map<String, ?> appConfigs) {
        Object o = appConfigs.get(CONFIG_KEY);
        return o instanceof DropCounters d ? d : new DropCounters();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
