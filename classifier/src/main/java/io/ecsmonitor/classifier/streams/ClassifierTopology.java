package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The streaming classifier, as a pure function of its configuration:
 *
 * <pre>
 * ecs-monitor.logs.raw ─ read (poison → DLQ by the deserialization handler; event time: the timestamp, or the
 *                         ingestion time when the timestamp is further ahead than classifier.max.future.ms)
 *   ─ validate ─ missing field / empty / oversize → DLQ (stage validate)
 *   ─ drop duplicate eventIds (batches of ids per log stream in a store, an index in memory)
 *   ─ stitch per log stream + classify (store, stream-time and wall-clock punctuations)
 *       ├─ non-noise → ecs-monitor.logs.classified (key: log stream)
 *       └─ per-service deltas (forwarded every punctuation; kept in a store at a commit) and restart facts,
 *          re-keyed by service ─ repartition "observations-by-service"
 *             ├─ windowed stats (window store, emitted while open) → ecs-monitor.stats; late → DLQ (stage late)
 *             └─ restart detection (store) → ecs-monitor.restarts
 * </pre>
 *
 * Every operator, store and repartition topic is named by a constant of this class.
 */
public final class ClassifierTopology {

    public static final String SOURCE = "read-raw-logs";
    public static final String VALIDATE = "validate-";
    public static final String INVALID = "invalid";
    public static final String VALID = "valid";
    public static final String DEAD_LETTER_INVALID = "dead-letter-invalid";
    public static final String WRITE_INVALID = "write-invalid-to-dlq";
    public static final String PARSED = "take-parsed-event";
    public static final String DEDUP = "drop-duplicate-events";
    /** Batches of recent event ids per log stream ({@link RecentEventIds}); was the window store "dedup-event-ids". */
    public static final String DEDUP_STORE = "dedup-event-id-batches";
    public static final String STITCH_CLASSIFY = "stitch-and-classify";
    public static final String STITCH_STORE = "stitch-buffers";
    public static final String STITCH_LINES_STORE = "stitch-lines";
    /** Per-service deltas counted but not yet forwarded at a commit (they are forwarded after a restore). */
    public static final String DELTAS_STORE = "pending-service-deltas";
    public static final String DROP_NOISE = "drop-noise";
    public static final String TO_CLASSIFIED = "take-classified-event";
    public static final String WRITE_CLASSIFIED = "write-classified";
    public static final String BY_SERVICE = "key-observations-by-service";
    public static final String OBSERVATIONS_REPARTITION = "observations-by-service";
    public static final String STATS = "window-stats";
    public static final String STATS_STORE = "service-stats";
    public static final String STATS_DIRTY_STORE = "service-stats-changed";
    public static final String STATS_SAMPLES_STORE = "service-stats-samples";
    public static final String STATS_SPLIT = "stats-output-";
    public static final String LATE = "late";
    public static final String UPDATES = "updates";
    public static final String DEAD_LETTER_LATE = "dead-letter-late";
    public static final String WRITE_LATE = "write-late-to-dlq";
    public static final String TO_STATS = "take-service-stats";
    public static final String WRITE_STATS = "write-stats";
    public static final String RESTARTS = "detect-restarts";
    public static final String RESTART_STORE = "service-restarts";
    public static final String WRITE_RESTARTS = "write-restarts";

    /** The processor node names, for the naming test and the README. */
    public static final List<String> PROCESSOR_NAMES = List.of(SOURCE, VALIDATE + INVALID, VALIDATE + VALID,
            DEAD_LETTER_INVALID, WRITE_INVALID, PARSED, DEDUP, STITCH_CLASSIFY, DROP_NOISE, TO_CLASSIFIED,
            WRITE_CLASSIFIED, BY_SERVICE, STATS, STATS_SPLIT + LATE, STATS_SPLIT + UPDATES, DEAD_LETTER_LATE,
            WRITE_LATE, TO_STATS, WRITE_STATS, RESTARTS, WRITE_RESTARTS);
    /** The state store names. */
    public static final List<String> STORE_NAMES = List.of(DEDUP_STORE, STITCH_STORE, STITCH_LINES_STORE, DELTAS_STORE,
            STATS_STORE, STATS_DIRTY_STORE, STATS_SAMPLES_STORE, RESTART_STORE);

    /** The repartition topic's values: compact binary (internal, read only by this topology). */
    static final Serde<ByService> BY_SERVICE_SERDE = InternalSerdes.BY_SERVICE;
    /** A late observation (of an earlier version) on the DLQ: JSON, for people and other tools to read. */
    static final Serde<Observation> OBSERVATION_JSON_SERDE = JsonSerde.of(Observation.class);
    /** A late delta on the DLQ: JSON. */
    static final Serde<ServiceDelta> DELTA_JSON_SERDE = JsonSerde.of(ServiceDelta.class);

    private ClassifierTopology() {
    }

    /** The topology; no I/O. */
    public static Topology build(StreamsBuilder builder, ClassifierStreamsConfig config) {
        addStores(builder, config);

        Serde<RawLogEvent> rawSerde = Serdes.serdeFrom(
                (topic, v) -> v == null ? null : v.raw(), new RawLogEventDeserializer(config.maxRecordBytes));
        KStream<String, RawLogEvent> raw = builder.stream(Topics.LOGS_RAW.name(),
                Consumed.with(Topics.LOGS_RAW.keySerde(), rawSerde)
                        .withTimestampExtractor(new EventTimeExtractor(config.maxFutureMs)).withName(SOURCE));

        Map<String, KStream<String, RawLogEvent>> checked = raw.split(Named.as(VALIDATE))
                .branch((k, v) -> rejection(v, config) != null, Branched.as(INVALID))
                .defaultBranch(Branched.as(VALID));
        checked.get(VALIDATE + INVALID)
                .processValues(() -> new DeadLetterProcessor<RawLogEvent>("validate", v -> rejection(v, config),
                        v -> rejectionCounter(v, config), v -> v == null ? null : v.raw()), Named.as(DEAD_LETTER_INVALID))
                .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(WRITE_INVALID));

        KStream<String, Judged> judged = checked.get(VALIDATE + VALID)
                .processValues(ParseProcessor::new, Named.as(PARSED))
                .processValues(() -> new DedupProcessor(config.dedupWindowMs), Named.as(DEDUP), DEDUP_STORE)
                .process(() -> new StitchClassifyProcessor(config), Named.as(STITCH_CLASSIFY), STITCH_STORE,
                        STITCH_LINES_STORE, DELTAS_STORE);

        judged.filter((k, v) -> v.event() != null, Named.as(DROP_NOISE))
                .mapValues(Judged::event, Named.as(TO_CLASSIFIED))
                .to(Topics.LOGS_CLASSIFIED.name(), Produced.with(Topics.LOGS_CLASSIFIED.keySerde(),
                        Serdes.serdeFrom(new ClassifiedEventSerializer(),
                                Topics.LOGS_CLASSIFIED.valueSerde().deserializer())).withName(WRITE_CLASSIFIED));

        KStream<String, ByService> byService = judged
                .flatMap((k, v) -> v.byService() == null ? List.<KeyValue<String, ByService>>of()
                        : List.of(KeyValue.pair(v.byService().service(), v.byService())), Named.as(BY_SERVICE))
                .repartition(Repartitioned.with(Serdes.String(), BY_SERVICE_SERDE).withName(OBSERVATIONS_REPARTITION));

        Map<String, KStream<String, StatsOutput>> stats = byService
                .process(() -> new StatsProcessor(config), Named.as(STATS), STATS_STORE, STATS_DIRTY_STORE,
                        STATS_SAMPLES_STORE)
                .split(Named.as(STATS_SPLIT))
                .branch((k, v) -> v.late() != null, Branched.as(LATE))
                .defaultBranch(Branched.as(UPDATES));
        stats.get(STATS_SPLIT + LATE)
                .processValues(() -> new DeadLetterProcessor<StatsOutput>("late", StatsOutput::lateReason,
                        v -> DropCounters.Reason.LATE, StatsOutput::late, StatsOutput::lateEvents),
                        Named.as(DEAD_LETTER_LATE))
                .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(WRITE_LATE));
        stats.get(STATS_SPLIT + UPDATES)
                .mapValues(StatsOutput::stats, Named.as(TO_STATS))
                .to(Topics.STATS.name(), Produced.with(Topics.STATS.keySerde(), Topics.STATS.valueSerde())
                        .withName(WRITE_STATS));

        byService.process(() -> new RestartProcessor(config), Named.as(RESTARTS), RESTART_STORE)
                .to(Topics.RESTARTS.name(), Produced.with(Topics.RESTARTS.keySerde(), Topics.RESTARTS.valueSerde())
                        .withName(WRITE_RESTARTS));
        return builder.build();
    }

    private static void addStores(StreamsBuilder builder, ClassifierStreamsConfig config) {
        // Written once per changed batch just before each commit, so no record cache.
        builder.addStateStore(PreCommitStore.builder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEDUP_STORE), Serdes.String(), InternalSerdes.EVENT_ID_BATCH)
                .withCachingDisabled()));
        // Written back once per changed stream just before each commit (StitchClassifyProcessor), so no cache.
        builder.addStateStore(PreCommitStore.builder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STITCH_STORE), Serdes.String(), InternalSerdes.STORED_STREAM)
                .withCachingDisabled()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STITCH_LINES_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DELTAS_STORE),
                Serdes.String(), InternalSerdes.SERVICE_DELTA).withCachingDisabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STATS_STORE, Duration.ofMillis(config.storeRetentionMs),
                        Duration.ofMillis(config.statsWindowMs), false),
                // written back once per changed window just before each commit (StatsProcessor): no cache
                Serdes.String(), InternalSerdes.SERVICE_STATS).withCachingDisabled());
        builder.addStateStore(PreCommitStore.builder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATS_DIRTY_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATS_SAMPLES_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(PreCommitStore.builder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RESTART_STORE), Serdes.String(), InternalSerdes.SERVICE_HISTORY)
                .withCachingDisabled()));
    }

    /** Why a parsed raw record cannot be processed, or null when it can. */
    static String rejection(RawLogEvent raw, ClassifierStreamsConfig config) {
        if (raw == null) {
            return "empty value: a raw log record needs a JSON LogEvent";
        }
        LogEvent e = raw.event();
        String missing = e.missingRequiredField();
        if (missing != null) {
            return "missing required field: " + missing;
        }
        String m = e.message();
        if (m.length() > config.maxMessageBytes / 3) {
            int bytes = m.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > config.maxMessageBytes) {
                return "message of " + bytes + " bytes is larger than " + ClassifierStreamsConfig.MAX_MESSAGE_BYTES_CONFIG
                        + "=" + config.maxMessageBytes;
            }
        }
        return null;
    }

    private static DropCounters.Reason rejectionCounter(RawLogEvent raw, ClassifierStreamsConfig config) {
        return raw != null && raw.event().missingRequiredField() == null
                ? DropCounters.Reason.OVERSIZE : DropCounters.Reason.MISSING_FIELD;
    }
}
