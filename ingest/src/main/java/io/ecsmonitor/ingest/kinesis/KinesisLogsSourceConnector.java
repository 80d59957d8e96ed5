package io.ecsmonitor.ingest.kinesis;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.ingest.connect.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reads the Kinesis data stream a CloudWatch Logs subscription filter writes to and puts one record
 * per log event on {@code ecs-monitor.logs.raw}.
 *
 * <p>Shards are spread over {@code tasks.max} tasks by family ({@link ShardAssignment}); a monitor lists
 * the shards every {@value KinesisSourceConfig#MONITOR_INTERVAL_CONFIG} and requests a task
 * reconfiguration when shards appear or disappear (splits, merges, expiry). Source offsets are per
 * shard, so Connect's exactly-once source mode (KIP-618) is supported: records and offsets are
 * committed in one transaction per poll.
 */
public class KinesisLogsSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisLogsSourceConnector.class);

    private Map<String, String> props;
    private KinesisSourceConfig config;
    private KinesisClient kinesis;
    private ScheduledExecutorService monitor;
    private volatile Set<String> assignedShards = Set.of();

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.config = new KinesisSourceConfig(props);
        this.kinesis = AwsClients.sync(KinesisClient.builder(), config.awsSettings());
        List<ShardInfo> shards = KinesisStreams.listShards(kinesis, config.stream());
        assignedShards = ids(shards);
        LOG.info("Kinesis logs connector started stream={} shards={} position={} pattern={}", config.stream(),
                shards.size(), config.initialPosition(), config.pattern());
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kinesis-shard-monitor-" + config.stream());
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::checkShards, config.monitorIntervalMs(), config.monitorIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    private void checkShards() {
        try {
            Set<String> now = ids(KinesisStreams.listShards(kinesis, config.stream()));
            if (!now.equals(assignedShards)) {
                LOG.info("Kinesis stream {} resharded: {} shards now, {} assigned; requesting task reconfiguration",
                        config.stream(), now.size(), assignedShards.size());
                assignedShards = now;
                context.requestTaskReconfiguration();
            }
        } catch (RuntimeException e) {
            LOG.warn("listing the shards of {} failed; will retry: {}", config.stream(), e.toString());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return KinesisLogsSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<ShardInfo> shards = KinesisStreams.listShards(kinesis, config.stream());
        assignedShards = ids(shards);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> group : ShardAssignment.assign(shards, maxTasks)) {
            Map<String, String> task = new HashMap<>(props);
            task.put(KinesisSourceConfig.TASK_SHARDS_CONFIG, String.join(",", group));
            out.add(task);
        }
        LOG.info("Kinesis stream {}: {} shards over {} tasks", config.stream(), shards.size(), out.size());
        return out;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Override
    public ConfigDef config() {
        return KinesisSourceConfig.CONFIG_DEF;
    }

    /** Offsets are per shard and written with the records: exactly-once delivery holds. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    private static Set<String> ids(List<ShardInfo> shards) {
        Set<String> out = new TreeSet<>();
        shards.forEach(s -> out.add(s.id()));
        return out;
    }
}
