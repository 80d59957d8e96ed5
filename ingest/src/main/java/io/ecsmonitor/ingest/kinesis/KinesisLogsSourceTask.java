package io.ecsmonitor.ingest.kinesis;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.ingest.connect.Version;
import io.ecsmonitor.ingest.envelope.LogEventMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reads the shards the connector gave it. A shard whose parents are among them is read only after
 * they are read to the end. Each GetRecords call on a shard is at least
 * {@value KinesisSourceConfig#INTERVAL_CONFIG} after the previous one (5 calls/s by default).
 */
public class KinesisLogsSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisLogsSourceTask.class);
    private static final long MAX_IDLE_WAIT_MS = 100;

    private KinesisSourceConfig config;
    private KinesisClient kinesis;
    private final Map<String, ShardReader> readers = new LinkedHashMap<>();
    private final KinesisTaskMetrics metrics = new KinesisTaskMetrics();
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new KinesisSourceConfig(props);
        kinesis = AwsClients.sync(KinesisClient.builder(), config.awsSettings());
        LogEventMapper mapper = new LogEventMapper(config.pattern(), config.cluster(), "kinesis");
        try {
            metrics.register(context.pluginMetrics());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("plugin metrics unavailable: {}", e.toString());
        }
        Map<String, ShardInfo> listed = KinesisStreams.listShards(kinesis, config.stream()).stream()
                .collect(Collectors.toMap(ShardInfo::id, s -> s));
        List<String> mine = config.taskShards();
        List<Map<String, String>> partitions = mine.stream().map(id -> ShardReader.partition(config.stream(), id)).toList();
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        Set<String> mineSet = Set.copyOf(mine);
        for (String id : mine) {
            ShardInfo info = listed.get(id);
            List<String> parents = info == null ? List.of()
                    : info.parents().stream().filter(mineSet::contains).toList();
            boolean child = info != null && info.parents().stream().anyMatch(listed::containsKey);
            Map<String, Object> offset = offsets == null ? null : offsets.get(ShardReader.partition(config.stream(), id));
            readers.put(id, new ShardReader(kinesis, config, mapper, metrics, id, parents, child, offset));
        }
        LOG.info("Kinesis task started stream={} shards={} resumed={}", config.stream(), mine,
                offsets == null ? 0 : offsets.values().stream().filter(o -> o != null).count());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long now = System.currentTimeMillis();
        List<SourceRecord> out = new ArrayList<>();
        long earliest = now + MAX_IDLE_WAIT_MS;
        for (ShardReader reader : readers.values()) {
            if (stopping) {
                return null;
            }
            if (reader.finished() || !parentsFinished(reader)) {
                continue;
            }
            if (reader.nextCallAt() <= now) {
                out.addAll(reader.read(now));
                now = System.currentTimeMillis();
            }
            if (!reader.finished()) {
                earliest = Math.min(earliest, reader.nextCallAt());
            }
        }
        if (out.isEmpty()) {
            long wait = earliest - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            return null;
        }
        return out;
    }

    private boolean parentsFinished(ShardReader reader) {
        for (String parent : reader.parents()) {
            ShardReader p = readers.get(parent);
            if (p != null && !p.finished()) {
                return false;
            }
        }
        return true;
    }

    /** The task's counters. */
    public KinesisTaskMetrics metrics() {
        return metrics;
    }

    @Override
    public void stop() {
        stopping = true;
        LOG.info("Kinesis task stopping stream={} shards={} {}", config == null ? "?" : config.stream(),
                readers.keySet(), metrics);
        metrics.unregister();
        if (kinesis != null) {
            kinesis.close();
        }
    }
}
