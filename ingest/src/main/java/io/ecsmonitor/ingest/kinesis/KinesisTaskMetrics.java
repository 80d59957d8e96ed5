package io.ecsmonitor.ingest.kinesis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one Kinesis task: events emitted, control messages dropped, dead letters, throttled calls, lag. */
public final class KinesisTaskMetrics {

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong controlMessages = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, Long> millisBehind = new ConcurrentHashMap<>();

    void event() {
        events.incrementAndGet();
    }

    void controlMessage() {
        controlMessages.incrementAndGet();
    }

    void deadLetter() {
        deadLetters.incrementAndGet();
    }

    void throttledCall() {
        throttled.incrementAndGet();
    }

    void millisBehind(String shard, long ms) {
        millisBehind.put(shard, ms);
    }

    /** Log events emitted. */
    public long events() {
        return events.get();
    }

    /** CONTROL_MESSAGE envelopes dropped. */
    public long controlMessages() {
        return controlMessages.get();
    }

    /** Records sent to the dead-letter topic. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** GetRecords calls answered with ProvisionedThroughputExceededException. */
    public long throttled() {
        return throttled.get();
    }

    /** The last MillisBehindLatest per shard. */
    public Map<String, Long> millisBehind() {
        return Map.copyOf(millisBehind);
    }

    @Override
    public String toString() {
        return "events=" + events + " controlMessages=" + controlMessages + " deadLetters=" + deadLetters
                + " throttled=" + throttled;
    }
}
