package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.classifier.ClassifierConfig;
import io.ecsmonitor.classifier.restart.CrashLoop;
import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.core.topic.Topic;
import io.ecsmonitor.core.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of the streaming classifier, declared once. Keys that are not declared here
 * ({@code bootstrap.servers}, security settings, {@code state.dir}, any other Kafka Streams setting) are
 * passed to Kafka Streams as they are by {@link #streamsProperties()}.
 */
public final class ClassifierStreamsConfig extends AbstractConfig {

    private static final String TOPICS = "Topics";
    private static final String WINDOWS = "Windows and stores";
    private static final String ENGINE = "Stitching and classification";
    private static final String RESTARTS = "Restart detection";
    private static final String STREAMS = "Kafka Streams";

    public static final String APPLICATION_ID_CONFIG = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String APPLICATION_ID_DOC = "Kafka Streams application id: instances with the same id share"
            + " the work; it prefixes the internal topics and the consumer group.";
    public static final String APPLICATION_ID_DEFAULT = "ecs-monitor-classifier";

    public static final String BOOTSTRAP_SERVERS_CONFIG = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port].";
    public static final String BOOTSTRAP_SERVERS_DEFAULT = "localhost:9092";

    public static final String TOPIC_PARTITIONS_CONFIG = "classifier.topic.partitions";
    public static final String TOPIC_PARTITIONS_DOC = "Partitions of the topics the classifier creates when they are"
            + " missing (raw, classified, stats, restarts); the DLQ keeps its single partition. Existing topics"
            + " are never changed.";
    public static final int TOPIC_PARTITIONS_DEFAULT = Topics.LOGS_RAW.defaultPartitions();

    public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "classifier.topic.replication.factor";
    public static final String TOPIC_REPLICATION_FACTOR_DOC = "Replication factor of the topics the classifier"
            + " creates; -1 takes the broker's default.replication.factor.";
    public static final int TOPIC_REPLICATION_FACTOR_DEFAULT = -1;

    public static final String TOPIC_CREATE_CONFIG = "classifier.topic.create";
    public static final String TOPIC_CREATE_DOC = "Create the classifier's topics at start-up when they are missing.";
    public static final boolean TOPIC_CREATE_DEFAULT = true;

    public static final String RAW_RETENTION_MS_CONFIG = "classifier.topic.raw.retention.ms";
    public static final String RAW_RETENTION_MS_DOC = "Retention of ecs-monitor.logs.raw when the classifier creates it.";
    public static final String CLASSIFIED_RETENTION_MS_CONFIG = "classifier.topic.classified.retention.ms";
    public static final String CLASSIFIED_RETENTION_MS_DOC = "Retention of ecs-monitor.logs.classified when created.";
    public static final String STATS_RETENTION_MS_CONFIG = "classifier.topic.stats.retention.ms";
    public static final String STATS_RETENTION_MS_DOC = "Retention of ecs-monitor.stats when created.";
    public static final String RESTARTS_RETENTION_MS_CONFIG = "classifier.topic.restarts.retention.ms";
    public static final String RESTARTS_RETENTION_MS_DOC = "Retention of ecs-monitor.restarts when created.";
    public static final String DLQ_RETENTION_MS_CONFIG = "classifier.topic.dlq.retention.ms";
    public static final String DLQ_RETENTION_MS_DOC = "Retention of ecs-monitor.dlq when created.";

    public static final String DEDUP_WINDOW_MS_CONFIG = "classifier.dedup.window.ms";
    public static final String DEDUP_WINDOW_MS_DOC = "An event whose eventId was already seen this close in event time"
            + " is a duplicate and dropped (counted). Bounds the dedup store.";
    public static final long DEDUP_WINDOW_MS_DEFAULT = Duration.ofHours(1).toMillis();

    public static final String STATS_WINDOW_MS_CONFIG = "classifier.stats.window.ms";
    public static final String STATS_WINDOW_MS_DOC = "Size of the tumbling event-time windows of ecs-monitor.stats.";
    public static final long STATS_WINDOW_MS_DEFAULT = Duration.ofMinutes(1).toMillis();

    public static final String STATS_GRACE_MS_CONFIG = "classifier.stats.grace.ms";
    public static final String STATS_GRACE_MS_DOC = "How long after a window's end (in stream time) events for it are"
            + " still counted; later ones go to the DLQ with stage 'late' and are counted.";
    public static final long STATS_GRACE_MS_DEFAULT = Duration.ofMinutes(5).toMillis();

    public static final String MAX_FUTURE_MS_CONFIG = "classifier.max.future.ms";
    public static final String MAX_FUTURE_MS_DOC = "How far an event's timestamp may be ahead of when it was ingested"
            + " (CloudWatch's ingestionTime, else this classifier's clock). An event further ahead comes from a"
            + " container with a wrong clock (or a producer that wrote microseconds): it is windowed, stitched and"
            + " deduplicated at that ingestion time instead, and counted in ecs_monitor_future_timestamps_total."
            + " Left as it was, it would move stream time ahead, so that every later event of its partition"
            + " arrived past the grace period and the dedup window expired.";
    public static final long MAX_FUTURE_MS_DEFAULT = Duration.ofMinutes(5).toMillis();

    public static final String STORE_RETENTION_MS_CONFIG = "classifier.store.retention.ms";
    public static final String STORE_RETENTION_MS_DOC = "How long windows stay in the stats store for interactive"
            + " queries ('the last N minutes'), and how long a quiet log stream's or service's state is kept.";
    public static final long STORE_RETENTION_MS_DEFAULT = Duration.ofHours(24).toMillis();

    public static final String STATS_EMIT_INTERVAL_MS_CONFIG = "classifier.stats.emit.interval.ms";
    public static final String STATS_EMIT_INTERVAL_MS_DOC = "Wall-clock interval at which changed windows are"
            + " written to ecs-monitor.stats while they are open: each changed (service, window) at most once per"
            + " interval.";
    public static final long STATS_EMIT_INTERVAL_MS_DEFAULT = 100;

    public static final String TOP_FINGERPRINTS_CONFIG = "classifier.stats.top.fingerprints";
    public static final String TOP_FINGERPRINTS_DOC = "Error templates listed per window in ecs-monitor.stats.";
    public static final int TOP_FINGERPRINTS_DEFAULT = 10;

    public static final String TRACKED_FINGERPRINTS_CONFIG = "classifier.stats.tracked.fingerprints";
    public static final String TRACKED_FINGERPRINTS_DOC = "Most error templates counted per window; templates first"
            + " seen after the limit count in 'errors' and their category but not in the top list.";
    public static final int TRACKED_FINGERPRINTS_DEFAULT = 100;

    public static final String SAMPLE_MAX_CHARS_CONFIG = "classifier.sample.max.chars";
    public static final String SAMPLE_MAX_CHARS_DOC = "Longest redacted sample kept per template and per restart"
            + " evidence line; longer ones are cut with '...'.";
    public static final int SAMPLE_MAX_CHARS_DEFAULT = 1000;

    public static final String STITCH_QUIET_MS_CONFIG = "classifier.stitch.quiet.ms";
    public static final String STITCH_QUIET_MS_DOC = "A log stream whose lines are this far apart in event time, or"
            + " whose event time (the task's stream time) moved this far past its last line, releases its open trace.";
    public static final String STITCH_IDLE_MS_CONFIG = "classifier.stitch.idle.ms";
    public static final String STITCH_IDLE_MS_DOC = "A log stream to which no line arrived for this long (wall-clock"
            + " time) releases its open trace, so the last line of a quiet stream is not held back. The lines of one"
            + " trace arrive together, so this can be much shorter than the event-time quiet period; it bounds the"
            + " latency of a stream's last line.";
    public static final long STITCH_IDLE_MS_DEFAULT = 500;
    public static final String STITCH_MAX_LINES_CONFIG = "classifier.stitch.max.lines";
    public static final String STITCH_MAX_LINES_DOC = "Most lines joined into one stitched event.";
    public static final String STITCH_MAX_BYTES_CONFIG = "classifier.stitch.max.bytes";
    public static final String STITCH_MAX_BYTES_DOC = "Most UTF-8 bytes of one stitched event.";

    public static final String PUNCTUATION_INTERVAL_MS_CONFIG = "classifier.punctuation.interval.ms";
    public static final String PUNCTUATION_INTERVAL_MS_DOC = "Interval of the stream-time and wall-clock"
            + " punctuations that release the traces of quiet log streams; the wall-clock one also forwards the"
            + " per-service deltas of the counts to the statistics.";
    public static final long PUNCTUATION_INTERVAL_MS_DEFAULT = 100;

    public static final String HEALTH_PATHS_CONFIG = "classifier.health.paths";
    public static final String HEALTH_PATHS_DOC = "Request paths whose GET/HEAD requests are health-check noise.";
    public static final String HEALTH_PATHS_DEFAULT = ClassifierConfig.DEFAULT_HEALTH_PATH;

    public static final String MAX_MESSAGE_BYTES_CONFIG = "classifier.max.message.bytes";
    public static final String MAX_MESSAGE_BYTES_DOC = "Longest accepted message in UTF-8 bytes (CloudWatch's limit is"
            + " 256 KiB); a longer one goes to the DLQ with stage 'validate'.";
    public static final int MAX_MESSAGE_BYTES_DEFAULT = 256 * 1024;

    public static final String MAX_RECORD_BYTES_CONFIG = "classifier.max.record.bytes";
    public static final String MAX_RECORD_BYTES_DOC = "Longest accepted raw record value in bytes; a longer one is"
            + " rejected unparsed and goes to the DLQ with stage 'deserialize'.";
    public static final int MAX_RECORD_BYTES_DEFAULT = 512 * 1024;

    public static final String CRASH_LOOP_THRESHOLD_CONFIG = "classifier.crash.loop.threshold";
    public static final String CRASH_LOOP_THRESHOLD_DOC = "Restarts of one service within the crash-loop window that"
            + " flag a crash loop.";
    public static final int CRASH_LOOP_THRESHOLD_DEFAULT = CrashLoop.DEFAULT_THRESHOLD;

    public static final String CRASH_LOOP_WINDOW_MS_CONFIG = "classifier.crash.loop.window.ms";
    public static final String CRASH_LOOP_WINDOW_MS_DOC = "The event-time window in which restarts are counted.";
    public static final long CRASH_LOOP_WINDOW_MS_DEFAULT = CrashLoop.DEFAULT_WINDOW_MS;

    public static final String RESTART_WARMUP_MS_CONFIG = "classifier.restart.warmup.ms";
    public static final String RESTART_WARMUP_MS_DOC = "Tasks first seen within this long (event time) after the"
            + " service's first event are the tasks that were already running when monitoring began, not starts.";
    public static final long RESTART_WARMUP_MS_DEFAULT = Duration.ofMinutes(1).toMillis();

    public static final String LAST_ERRORS_CONFIG = "classifier.restart.last.errors";
    public static final String LAST_ERRORS_DOC = "Error lines kept as the evidence of a restart record.";
    public static final int LAST_ERRORS_DEFAULT = 5;

    public static final String PROCESSING_GUARANTEE_CONFIG = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    public static final String PROCESSING_GUARANTEE_DOC = "exactly_once_v2 (default: every count exact across"
            + " failures) or at_least_once.";
    public static final String PROCESSING_GUARANTEE_DEFAULT = StreamsConfig.EXACTLY_ONCE_V2;

    public static final String COMMIT_INTERVAL_MS_CONFIG = StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
    public static final String COMMIT_INTERVAL_MS_DOC = "Kafka Streams commit interval. Under exactly-once, output"
            + " becomes visible to read_committed consumers at each commit, so it bounds the latency.";
    public static final long COMMIT_INTERVAL_MS_DEFAULT = 100;

    public static final String CACHE_MAX_BYTES_CONFIG = StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG;
    public static final String CACHE_MAX_BYTES_DOC = "Record cache of the state stores that use one (the fingerprint"
            + " samples and the changed-window marks of the statistics), shared by the stream threads; the other"
            + " stores are written once per changed key just before each commit by their operators. Output is not"
            + " held by it.";
    public static final long CACHE_MAX_BYTES_DEFAULT = 10L * 1024 * 1024;

    public static final String NUM_STREAM_THREADS_CONFIG = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    public static final String NUM_STREAM_THREADS_DOC = "Stream threads of this instance.";
    public static final int NUM_STREAM_THREADS_DEFAULT = 1;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(APPLICATION_ID_CONFIG, Type.STRING, APPLICATION_ID_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, APPLICATION_ID_DOC, STREAMS, 1, ConfigDef.Width.MEDIUM, "application id")
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, BOOTSTRAP_SERVERS_DEFAULT, new ConfigDef.NonNullValidator(),
                    Importance.HIGH, BOOTSTRAP_SERVERS_DOC, STREAMS, 2, ConfigDef.Width.LONG, "bootstrap servers")
            .define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, PROCESSING_GUARANTEE_DEFAULT,
                    ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                    Importance.HIGH, PROCESSING_GUARANTEE_DOC, STREAMS, 3, ConfigDef.Width.SHORT, "guarantee")
            .define(COMMIT_INTERVAL_MS_CONFIG, Type.LONG, COMMIT_INTERVAL_MS_DEFAULT, Range.atLeast(10),
                    Importance.MEDIUM, COMMIT_INTERVAL_MS_DOC, STREAMS, 4, ConfigDef.Width.SHORT, "commit interval")
            .define(CACHE_MAX_BYTES_CONFIG, Type.LONG, CACHE_MAX_BYTES_DEFAULT, Range.atLeast(0),
                    Importance.LOW, CACHE_MAX_BYTES_DOC, STREAMS, 5, ConfigDef.Width.SHORT, "cache bytes")
            .define(NUM_STREAM_THREADS_CONFIG, Type.INT, NUM_STREAM_THREADS_DEFAULT, Range.atLeast(1),
                    Importance.MEDIUM, NUM_STREAM_THREADS_DOC, STREAMS, 6, ConfigDef.Width.SHORT, "threads")
            .define(TOPIC_PARTITIONS_CONFIG, Type.INT, TOPIC_PARTITIONS_DEFAULT, Range.atLeast(1),
                    Importance.MEDIUM, TOPIC_PARTITIONS_DOC, TOPICS, 1, ConfigDef.Width.SHORT, "partitions")
            .define(TOPIC_REPLICATION_FACTOR_CONFIG, Type.INT, TOPIC_REPLICATION_FACTOR_DEFAULT, Range.between(-1, 32767),
                    Importance.MEDIUM, TOPIC_REPLICATION_FACTOR_DOC, TOPICS, 2, ConfigDef.Width.SHORT, "replication")
            .define(TOPIC_CREATE_CONFIG, Type.BOOLEAN, TOPIC_CREATE_DEFAULT,
                    Importance.LOW, TOPIC_CREATE_DOC, TOPICS, 3, ConfigDef.Width.SHORT, "create topics")
            .define(RAW_RETENTION_MS_CONFIG, Type.LONG, Topics.LOGS_RAW.defaultRetentionMs(), Range.atLeast(-1),
                    Importance.LOW, RAW_RETENTION_MS_DOC, TOPICS, 4, ConfigDef.Width.SHORT, "raw retention")
            .define(CLASSIFIED_RETENTION_MS_CONFIG, Type.LONG, Topics.LOGS_CLASSIFIED.defaultRetentionMs(),
                    Range.atLeast(-1), Importance.LOW, CLASSIFIED_RETENTION_MS_DOC, TOPICS, 5, ConfigDef.Width.SHORT,
                    "classified retention")
            .define(STATS_RETENTION_MS_CONFIG, Type.LONG, Topics.STATS.defaultRetentionMs(), Range.atLeast(-1),
                    Importance.LOW, STATS_RETENTION_MS_DOC, TOPICS, 6, ConfigDef.Width.SHORT, "stats retention")
            .define(RESTARTS_RETENTION_MS_CONFIG, Type.LONG, Topics.RESTARTS.defaultRetentionMs(), Range.atLeast(-1),
                    Importance.LOW, RESTARTS_RETENTION_MS_DOC, TOPICS, 7, ConfigDef.Width.SHORT, "restarts retention")
            .define(DLQ_RETENTION_MS_CONFIG, Type.LONG, Topics.DLQ.defaultRetentionMs(), Range.atLeast(-1),
                    Importance.LOW, DLQ_RETENTION_MS_DOC, TOPICS, 8, ConfigDef.Width.SHORT, "dlq retention")
            .define(DEDUP_WINDOW_MS_CONFIG, Type.LONG, DEDUP_WINDOW_MS_DEFAULT, Range.atLeast(1000),
                    Importance.MEDIUM, DEDUP_WINDOW_MS_DOC, WINDOWS, 1, ConfigDef.Width.SHORT, "dedup window")
            .define(STATS_WINDOW_MS_CONFIG, Type.LONG, STATS_WINDOW_MS_DEFAULT, Range.atLeast(1000),
                    Importance.MEDIUM, STATS_WINDOW_MS_DOC, WINDOWS, 2, ConfigDef.Width.SHORT, "stats window")
            .define(STATS_GRACE_MS_CONFIG, Type.LONG, STATS_GRACE_MS_DEFAULT, Range.atLeast(0),
                    Importance.MEDIUM, STATS_GRACE_MS_DOC, WINDOWS, 3, ConfigDef.Width.SHORT, "grace")
            .define(STORE_RETENTION_MS_CONFIG, Type.LONG, STORE_RETENTION_MS_DEFAULT, Range.atLeast(60_000),
                    Importance.MEDIUM, STORE_RETENTION_MS_DOC, WINDOWS, 4, ConfigDef.Width.SHORT, "store retention")
            .define(MAX_FUTURE_MS_CONFIG, Type.LONG, MAX_FUTURE_MS_DEFAULT, Range.atLeast(1000),
                    Importance.LOW, MAX_FUTURE_MS_DOC, WINDOWS, 8, ConfigDef.Width.SHORT, "max future")
            .define(STATS_EMIT_INTERVAL_MS_CONFIG, Type.LONG, STATS_EMIT_INTERVAL_MS_DEFAULT, Range.atLeast(10),
                    Importance.LOW, STATS_EMIT_INTERVAL_MS_DOC, WINDOWS, 5, ConfigDef.Width.SHORT, "emit interval")
            .define(TOP_FINGERPRINTS_CONFIG, Type.INT, TOP_FINGERPRINTS_DEFAULT, Range.between(1, 1000),
                    Importance.LOW, TOP_FINGERPRINTS_DOC, WINDOWS, 6, ConfigDef.Width.SHORT, "top fingerprints")
            .define(TRACKED_FINGERPRINTS_CONFIG, Type.INT, TRACKED_FINGERPRINTS_DEFAULT, Range.between(1, 10_000),
                    Importance.LOW, TRACKED_FINGERPRINTS_DOC, WINDOWS, 7, ConfigDef.Width.SHORT, "tracked fingerprints")
            .define(SAMPLE_MAX_CHARS_CONFIG, Type.INT, SAMPLE_MAX_CHARS_DEFAULT, Range.atLeast(80),
                    Importance.LOW, SAMPLE_MAX_CHARS_DOC, WINDOWS, 8, ConfigDef.Width.SHORT, "sample chars")
            .define(STITCH_QUIET_MS_CONFIG, Type.LONG, StitchConfig.QUIET_MS_DEFAULT, Range.atLeast(1),
                    Importance.MEDIUM, STITCH_QUIET_MS_DOC, ENGINE, 1, ConfigDef.Width.SHORT, "stitch quiet")
            .define(STITCH_IDLE_MS_CONFIG, Type.LONG, STITCH_IDLE_MS_DEFAULT, Range.atLeast(1),
                    Importance.MEDIUM, STITCH_IDLE_MS_DOC, ENGINE, 1, ConfigDef.Width.SHORT, "stitch idle")
            .define(STITCH_MAX_LINES_CONFIG, Type.INT, StitchConfig.MAX_LINES_DEFAULT, Range.atLeast(2),
                    Importance.LOW, STITCH_MAX_LINES_DOC, ENGINE, 2, ConfigDef.Width.SHORT, "stitch lines")
            .define(STITCH_MAX_BYTES_CONFIG, Type.INT, StitchConfig.MAX_BYTES_DEFAULT, Range.atLeast(1024),
                    Importance.LOW, STITCH_MAX_BYTES_DOC, ENGINE, 3, ConfigDef.Width.SHORT, "stitch bytes")
            .define(PUNCTUATION_INTERVAL_MS_CONFIG, Type.LONG, PUNCTUATION_INTERVAL_MS_DEFAULT, Range.atLeast(10),
                    Importance.LOW, PUNCTUATION_INTERVAL_MS_DOC, ENGINE, 4, ConfigDef.Width.SHORT, "punctuation")
            .define(HEALTH_PATHS_CONFIG, Type.LIST, HEALTH_PATHS_DEFAULT, new ConfigDef.NonNullValidator(),
                    Importance.MEDIUM, HEALTH_PATHS_DOC, ENGINE, 5, ConfigDef.Width.LONG, "health paths")
            .define(MAX_MESSAGE_BYTES_CONFIG, Type.INT, MAX_MESSAGE_BYTES_DEFAULT, Range.atLeast(1024),
                    Importance.LOW, MAX_MESSAGE_BYTES_DOC, ENGINE, 6, ConfigDef.Width.SHORT, "max message")
            .define(MAX_RECORD_BYTES_CONFIG, Type.INT, MAX_RECORD_BYTES_DEFAULT, Range.atLeast(2048),
                    Importance.LOW, MAX_RECORD_BYTES_DOC, ENGINE, 7, ConfigDef.Width.SHORT, "max record")
            .define(CRASH_LOOP_THRESHOLD_CONFIG, Type.INT, CRASH_LOOP_THRESHOLD_DEFAULT, Range.atLeast(2),
                    Importance.MEDIUM, CRASH_LOOP_THRESHOLD_DOC, RESTARTS, 1, ConfigDef.Width.SHORT, "crash loop")
            .define(CRASH_LOOP_WINDOW_MS_CONFIG, Type.LONG, CRASH_LOOP_WINDOW_MS_DEFAULT, Range.atLeast(1000),
                    Importance.MEDIUM, CRASH_LOOP_WINDOW_MS_DOC, RESTARTS, 2, ConfigDef.Width.SHORT, "crash window")
            .define(RESTART_WARMUP_MS_CONFIG, Type.LONG, RESTART_WARMUP_MS_DEFAULT, Range.atLeast(0),
                    Importance.LOW, RESTART_WARMUP_MS_DOC, RESTARTS, 3, ConfigDef.Width.SHORT, "warm-up")
            .define(LAST_ERRORS_CONFIG, Type.INT, LAST_ERRORS_DEFAULT, Range.between(1, 100),
                    Importance.LOW, LAST_ERRORS_DOC, RESTARTS, 4, ConfigDef.Width.SHORT, "evidence lines");

    public final String applicationId;
    public final int topicPartitions;
    public final short topicReplicationFactor;
    public final boolean createTopics;
    public final long dedupWindowMs;
    public final long statsWindowMs;
    public final long graceMs;
    public final long storeRetentionMs;
    public final long statsEmitIntervalMs;
    public final long maxFutureMs;
    public final int topFingerprints;
    public final int trackedFingerprints;
    public final int sampleMaxChars;
    public final StitchConfig stitch;
    public final long stitchIdleMs;
    public final long punctuationIntervalMs;
    public final ClassifierConfig classifier;
    public final int maxMessageBytes;
    public final int maxRecordBytes;
    public final int crashLoopThreshold;
    public final long crashLoopWindowMs;
    public final long restartWarmupMs;
    public final int lastErrors;

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException with a sentence naming the setting when a value is invalid
     */
    public ClassifierStreamsConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        applicationId = getString(APPLICATION_ID_CONFIG);
        topicPartitions = getInt(TOPIC_PARTITIONS_CONFIG);
        topicReplicationFactor = getInt(TOPIC_REPLICATION_FACTOR_CONFIG).shortValue();
        createTopics = getBoolean(TOPIC_CREATE_CONFIG);
        dedupWindowMs = getLong(DEDUP_WINDOW_MS_CONFIG);
        statsWindowMs = getLong(STATS_WINDOW_MS_CONFIG);
        graceMs = getLong(STATS_GRACE_MS_CONFIG);
        storeRetentionMs = getLong(STORE_RETENTION_MS_CONFIG);
        statsEmitIntervalMs = getLong(STATS_EMIT_INTERVAL_MS_CONFIG);
        maxFutureMs = getLong(MAX_FUTURE_MS_CONFIG);
        topFingerprints = getInt(TOP_FINGERPRINTS_CONFIG);
        trackedFingerprints = getInt(TRACKED_FINGERPRINTS_CONFIG);
        sampleMaxChars = getInt(SAMPLE_MAX_CHARS_CONFIG);
        stitch = new StitchConfig(getLong(STITCH_QUIET_MS_CONFIG), getInt(STITCH_MAX_LINES_CONFIG),
                getInt(STITCH_MAX_BYTES_CONFIG));
        stitchIdleMs = getLong(STITCH_IDLE_MS_CONFIG);
        punctuationIntervalMs = getLong(PUNCTUATION_INTERVAL_MS_CONFIG);
        classifier = ClassifierConfig.withHealthPaths(getList(HEALTH_PATHS_CONFIG));
        maxMessageBytes = getInt(MAX_MESSAGE_BYTES_CONFIG);
        maxRecordBytes = getInt(MAX_RECORD_BYTES_CONFIG);
        crashLoopThreshold = getInt(CRASH_LOOP_THRESHOLD_CONFIG);
        crashLoopWindowMs = getLong(CRASH_LOOP_WINDOW_MS_CONFIG);
        restartWarmupMs = getLong(RESTART_WARMUP_MS_CONFIG);
        lastErrors = getInt(LAST_ERRORS_CONFIG);
        if (storeRetentionMs < statsWindowMs + graceMs) {
            throw new ConfigException(STORE_RETENTION_MS_CONFIG, storeRetentionMs, "must be at least "
                    + STATS_WINDOW_MS_CONFIG + " + " + STATS_GRACE_MS_CONFIG + " (" + (statsWindowMs + graceMs)
                    + " ms): a window must outlive its grace period; raise it or lower the grace");
        }
        if (maxRecordBytes <= maxMessageBytes) {
            throw new ConfigException(MAX_RECORD_BYTES_CONFIG, maxRecordBytes, "must be larger than "
                    + MAX_MESSAGE_BYTES_CONFIG + " (" + maxMessageBytes + "), which a valid record carries plus its fields");
        }
    }

    /** The defaults, with {@code overrides} on top. */
    public static ClassifierStreamsConfig of(Map<String, ?> overrides) {
        return new ClassifierStreamsConfig(new HashMap<>(overrides));
    }

    /**
     * The properties for {@code KafkaStreams}: every original setting (so Kafka settings pass through)
     * with this class's resolved values for the Kafka Streams keys it declares.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        originals().forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        p.put(APPLICATION_ID_CONFIG, applicationId);
        p.put(BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG)));
        p.put(PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE_CONFIG));
        p.put(COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS_CONFIG));
        p.put(CACHE_MAX_BYTES_CONFIG, getLong(CACHE_MAX_BYTES_CONFIG));
        p.put(NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS_CONFIG));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        // Every task of this topology reads one partition (raw, or the repartition topic): there are no
        // partitions to wait for and synchronise by time, and Kafka Streams' idling check formats log text
        // for every record it processes. Disabled unless set.
        p.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A dead letter carries the original record: let it be as large as the largest accepted raw record.
        p.putIfAbsent(StreamsConfig.producerPrefix("max.request.size"), Math.max(1_048_576, maxRecordBytes + 65_536));
        return p;
    }

    /** The retention to create {@code topic} with. */
    public long retentionMs(Topic<?, ?> topic) {
        if (topic == Topics.LOGS_RAW) {
            return getLong(RAW_RETENTION_MS_CONFIG);
        } else if (topic == Topics.LOGS_CLASSIFIED) {
            return getLong(CLASSIFIED_RETENTION_MS_CONFIG);
        } else if (topic == Topics.STATS) {
            return getLong(STATS_RETENTION_MS_CONFIG);
        } else if (topic == Topics.RESTARTS) {
            return getLong(RESTARTS_RETENTION_MS_CONFIG);
        } else if (topic == Topics.DLQ) {
            return getLong(DLQ_RETENTION_MS_CONFIG);
        }
        return topic.defaultRetentionMs();
    }

    /** The topics the classifier reads or writes. */
    public static List<Topic<?, ?>> topics() {
        return List.of(Topics.LOGS_RAW, Topics.LOGS_CLASSIFIED, Topics.STATS, Topics.RESTARTS, Topics.DLQ);
    }

    /** The documentation table of every setting, for the README. */
    public static String toMarkdown() {
        StringBuilder sb = new StringBuilder("| setting | default | meaning |\n|---|---|---|\n");
        for (ConfigDef.ConfigKey key : CONFIG_DEF.configKeys().values()) {
            sb.append("| `").append(key.name).append("` | `")
                    .append(key.hasDefault() ? String.valueOf(ConfigDef.convertToString(key.defaultValue, key.type)) : "")
                    .append("` | ").append(key.documentation).append(" |\n");
        }
        return sb.toString();
    }
}
