package io.ecsmonitor.ingest.kinesis;

import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.ingest.connect.CommonConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link KinesisLogsSourceConnector} and its tasks, declared once. */
public final class KinesisSourceConfig extends AbstractConfig {

    public static final String STREAM_CONFIG = "kinesis.stream";
    public static final String STREAM_DOC = "Name of the Kinesis data stream the CloudWatch Logs subscription filter writes to (required).";
    public static final String POSITION_CONFIG = "kinesis.initial.position";
    public static final String POSITION_DEFAULT = "TRIM_HORIZON";
    public static final String POSITION_DOC = "Where to start reading a shard that has no stored offset: TRIM_HORIZON (oldest record), "
            + "LATEST (only new records) or AT_TIMESTAMP (kinesis.initial.timestamp). Shards created by resharding always start at TRIM_HORIZON.";
    public static final String TIMESTAMP_CONFIG = "kinesis.initial.timestamp";
    public static final String TIMESTAMP_DOC = "With AT_TIMESTAMP: the start time, ISO-8601 (2026-11-22T10:00:00Z) or milliseconds since the epoch.";
    public static final String MAX_RECORDS_CONFIG = "kinesis.getrecords.max.records";
    public static final int MAX_RECORDS_DEFAULT = 10_000;
    public static final String MAX_RECORDS_DOC = "Records asked for per GetRecords call (1 to 10000).";
    public static final String INTERVAL_CONFIG = "kinesis.getrecords.interval.ms";
    public static final long INTERVAL_DEFAULT = 200;
    public static final String INTERVAL_DOC = "Least time between two GetRecords calls on one shard. Kinesis allows 5 calls per second per shard, "
            + "shared by every consumer of the stream: 200 ms uses all of it.";
    public static final String BACKOFF_MAX_CONFIG = "kinesis.backoff.max.ms";
    public static final long BACKOFF_MAX_DEFAULT = 10_000;
    public static final String BACKOFF_MAX_DOC = "Longest wait on one shard after ProvisionedThroughputExceededException or a failed call; "
            + "the wait starts at 500 ms and doubles.";
    public static final String MONITOR_INTERVAL_CONFIG = "kinesis.shard.monitor.interval.ms";
    public static final long MONITOR_INTERVAL_DEFAULT = 30_000;
    public static final String MONITOR_INTERVAL_DOC = "How often the connector lists the stream's shards to notice splits and merges "
            + "and hand the new shards to tasks.";
    /** Internal: the shards of one task, set by the connector. */
    public static final String TASK_SHARDS_CONFIG = "kinesis.task.shards";
    public static final String TASK_SHARDS_DOC = "Internal, set by the connector for each task: the shard ids it reads, comma-separated.";

    /** The initial positions. */
    public enum InitialPosition { TRIM_HORIZON, LATEST, AT_TIMESTAMP }

    /** The configuration's definition. */
    public static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef())
            .define(STREAM_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, STREAM_DOC)
            .define(POSITION_CONFIG, Type.STRING, POSITION_DEFAULT,
                    ConfigDef.CaseInsensitiveValidString.in("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"), Importance.HIGH, POSITION_DOC)
            .define(TIMESTAMP_CONFIG, Type.STRING, "", Importance.MEDIUM, TIMESTAMP_DOC)
            .define(MAX_RECORDS_CONFIG, Type.INT, MAX_RECORDS_DEFAULT, ConfigDef.Range.between(1, 10_000), Importance.LOW, MAX_RECORDS_DOC)
            .define(INTERVAL_CONFIG, Type.LONG, INTERVAL_DEFAULT, ConfigDef.Range.atLeast(0), Importance.LOW, INTERVAL_DOC)
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW, BACKOFF_MAX_DOC)
            .define(MONITOR_INTERVAL_CONFIG, Type.LONG, MONITOR_INTERVAL_DEFAULT, ConfigDef.Range.atLeast(100), Importance.LOW, MONITOR_INTERVAL_DOC)
            .define(TASK_SHARDS_CONFIG, Type.LIST, "", Importance.LOW, TASK_SHARDS_DOC);

    private final InitialPosition position;
    private final Instant initialTimestamp;

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException with a sentence naming the key and what to change
     */
    public KinesisSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        position = InitialPosition.valueOf(getString(POSITION_CONFIG).toUpperCase(Locale.ROOT));
        String ts = getString(TIMESTAMP_CONFIG).trim();
        if (position == InitialPosition.AT_TIMESTAMP) {
            if (ts.isEmpty()) {
                throw new ConfigException(TIMESTAMP_CONFIG + " is empty, but " + POSITION_CONFIG
                        + " is AT_TIMESTAMP; set it like 2026-11-22T10:00:00Z");
            }
            initialTimestamp = parseInstant(ts);
        } else {
            initialTimestamp = null;
        }
    }

    private static Instant parseInstant(String ts) {
        try {
            return ts.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(ts)) : Instant.parse(ts);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigException(TIMESTAMP_CONFIG, ts, "is not a time; write it like 2026-11-22T10:00:00Z or as epoch milliseconds");
        }
    }

    public String stream() {
        return getString(STREAM_CONFIG).trim();
    }

    public InitialPosition initialPosition() {
        return position;
    }

    /** The AT_TIMESTAMP start, or null. */
    public Instant initialTimestamp() {
        return initialTimestamp;
    }

    public int maxRecords() {
        return getInt(MAX_RECORDS_CONFIG);
    }

    public long intervalMs() {
        return getLong(INTERVAL_CONFIG);
    }

    public long backoffMaxMs() {
        return getLong(BACKOFF_MAX_CONFIG);
    }

    public long monitorIntervalMs() {
        return getLong(MONITOR_INTERVAL_CONFIG);
    }

    public List<String> taskShards() {
        return getList(TASK_SHARDS_CONFIG);
    }

    public AwsSettings awsSettings() {
        return CommonConfig.awsSettings(this);
    }

    public LogGroupPattern pattern() {
        return CommonConfig.pattern(this);
    }

    public String cluster() {
        return getString(CommonConfig.CLUSTER_CONFIG);
    }

    public String topic() {
        return getString(CommonConfig.TOPIC_CONFIG);
    }

    public String dlqTopic() {
        return getString(CommonConfig.DLQ_TOPIC_CONFIG);
    }
}
