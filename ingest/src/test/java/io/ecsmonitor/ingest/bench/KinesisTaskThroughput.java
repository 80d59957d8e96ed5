package io.ecsmonitor.ingest.bench;

import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.kinesis.KinesisLogsSourceTask;
import io.ecsmonitor.ingest.kinesis.KinesisSourceConfig;
import io.ecsmonitor.ingest.testing.CloudWatchPayloads;
import io.ecsmonitor.ingest.testing.CloudWatchPayloads.Entry;
import io.ecsmonitor.ingest.testing.Kinesalite;
import io.ecsmonitor.ingest.testing.TaskContexts;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Benchmark, not a test: how many log events per second one Kinesis task turns into Connect records
 * (GetRecords at the default pacing, gunzip, JSON, LogEvent serialization) against kinesalite. The
 * stream is filled first, then the task drains it; the Kafka producer is not part of the figure.
 *
 * <p>Arguments: kinesalite endpoint, records, events per record, GetRecords interval in ms (defaults
 * http://localhost:4567 2000 50 200; 200 ms is the connector's default, Kinesis's 5 calls/s per shard).
 * Run with {@code -Daws.cborEnabled=false}; the command is in ingest/README.md.
 */
public final class KinesisTaskThroughput {

    private KinesisTaskThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : Kinesalite.DEFAULT_ENDPOINT;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int perRecord = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String intervalMs = args.length > 3 ? args[3] : Long.toString(KinesisSourceConfig.INTERVAL_DEFAULT);
        System.setProperty("ecsmonitor.kinesalite.endpoint", endpoint);
        String stream = "bench-" + System.currentTimeMillis();
        long total = (long) records * perRecord;
        try (KinesisClient kinesis = Kinesalite.client()) {
            Kinesalite.createStream(kinesis, stream, 1);
            fill(kinesis, stream, records, perRecord);
            Map<String, String> config = new HashMap<>();
            config.put(KinesisSourceConfig.STREAM_CONFIG, stream);
            config.put(CommonConfig.AWS_ENDPOINT_CONFIG, URI.create(endpoint).toString());
            config.put(CommonConfig.AWS_REGION_CONFIG, "us-east-1");
            String shard = Kinesalite.openShards(kinesis, stream).get(0).shardId();
            config.put(KinesisSourceConfig.TASK_SHARDS_CONFIG, shard);
            config.put(KinesisSourceConfig.INTERVAL_CONFIG, intervalMs);
            KinesisLogsSourceTask task = new KinesisLogsSourceTask();
            task.initialize(TaskContexts.of(config, null, null));
            task.start(config);
            long bytes = 0;
            long emitted = 0;
            long start = System.nanoTime();
            while (emitted < total) {
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    emitted += batch.size();
                    for (SourceRecord r : batch) {
                        bytes += ((byte[]) r.value()).length;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            task.stop();
            kinesis.deleteStream(r -> r.streamName(stream));
            System.out.printf(Locale.ROOT, "one Kinesis task: %d events (%d records x %d, GetRecords every %s ms) in %.2f s = %.0f events/s, %.1f MB/s of LogEvent JSON%n",
                    emitted, records, perRecord, intervalMs, seconds, emitted / seconds, bytes / seconds / 1e6);
        }
    }

    private static void fill(KinesisClient kinesis, String stream, int records, int perRecord) {
        long id = 1;
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            List<Entry> entries = new ArrayList<>(perRecord);
            for (int e = 0; e < perRecord; e++) {
                entries.add(new Entry(CloudWatchPayloads.eventId(id++), 1_763_770_000_000L + id,
                        "2026-11-22T10:00:00.123Z INFO  [http-nio-8080-exec-" + (e % 8) + "] c.e.api.OrderController - GET /orders/" + id
                                + " 200 12ms user=" + (id % 977)));
            }
            batch.add(PutRecordsRequestEntry.builder().partitionKey("pk-" + (r % 16))
                    .data(SdkBytes.fromByteArray(CloudWatchPayloads.data("/ecs/api", "ecs/api/" + String.format("%032x", r % 4), entries)))
                    .build());
            if (batch.size() == 100 || r == records - 1) {
                List<PutRecordsRequestEntry> send = List.copyOf(batch);
                kinesis.putRecords(p -> p.streamName(stream).records(send));
                batch.clear();
            }
        }
    }
}
