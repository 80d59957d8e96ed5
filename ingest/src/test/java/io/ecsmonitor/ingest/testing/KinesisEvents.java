package io.ecsmonitor.ingest.testing;

import io.ecsmonitor.ingest.testing.CloudWatchPayloads.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Writes CloudWatch-shaped log events of log group {@value #GROUP} into a Kinesis stream. */
public final class KinesisEvents {

    public static final String GROUP = "/ecs/api";
    public static final String STREAM_PREFIX = "ecs/api/";
    private static final AtomicLong IDS = new AtomicLong(1);

    private KinesisEvents() {
    }

    /** A 32-hex-digit ECS task id made from {@code n}. */
    public static String taskId(int n) {
        return String.format("%032x", n);
    }

    /** {@code prefix-} plus 8 random characters. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Puts {@code records} envelopes of {@code perRecord} events for log stream {@code ecs/api/<task id>}, all with one
     * partition key (Kinesis keeps the order of one key), messages {@code line N} numbered from {@code firstSeq};
     * returns the event ids.
     */
    public static List<String> put(KinesisClient kinesis, String stream, int task, int records, int perRecord, int firstSeq) {
        List<String> ids = new ArrayList<>();
        int seq = firstSeq;
        for (int r = 0; r < records; r++) {
            List<Entry> entries = new ArrayList<>();
            for (int e = 0; e < perRecord; e++) {
                String id = CloudWatchPayloads.eventId(IDS.getAndIncrement());
                entries.add(new Entry(id, 1_763_770_000_000L + seq, "line " + seq));
                ids.add(id);
                seq++;
            }
            Kinesalite.put(kinesis, stream, "pk-" + task, CloudWatchPayloads.data(GROUP, STREAM_PREFIX + taskId(task), entries));
        }
        return ids;
    }
}
