package io.ecsmonitor.classifier.streams;

import static io.ecsmonitor.classifier.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTopologyTest {

    private static final String HEALTH_OK = "10.0.0.1 - - [22/Nov/2026:01:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"ELB-HealthChecker/2.0\"";
    private static final String HEALTH_FAILING = "10.0.0.1 - - [22/Nov/2026:01:00:00 +0000] \"GET /health HTTP/1.1\" 503 2 \"-\" \"ELB-HealthChecker/2.0\"";
    private static final String API_OK = "10.0.0.2 - - [22/Nov/2026:01:00:01 +0000] \"GET /api/orders HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"";
    private static final String API_500 = "10.0.0.2 - - [22/Nov/2026:01:00:01 +0000] \"POST /api/orders HTTP/1.1\" 500 12 \"-\" \"curl/8.0\"";
    private static final String OOM = "java.lang.OutOfMemoryError: Java heap space";
    private static final String BANNER = "Started OrderApplication in 4.2 seconds (process running for 4.9)";

    @TempDir
    Path stateDir;
    private TopologyFixture t;

    private TopologyFixture fixture(Map<String, ?> overrides) {
        t = new TopologyFixture(stateDir, overrides);
        return t;
    }

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void shouldExcludeNoiseFromErrorCountsAndStatusDistribution() {
        TopologyFixture t = fixture(Map.of());
        String[] lines = {HEALTH_OK, API_OK, HEALTH_OK, HEALTH_FAILING, API_OK, API_500, HEALTH_OK,
            "ERROR payment declined: card expired"};
        for (int i = 0; i < lines.length; i++) {
            t.pipe(t.event("api", "task-a", at(i * 3), lines[i]));
        }
        t.settle();

        ServiceStats s = t.latestStats(new HashMap<>(), "api").get(T0.toEpochMilli());
        assertThat(s.events()).isEqualTo(8);
        assertThat(s.noise()).isEqualTo(4);
        assertThat(s.noiseStatusClasses()).isEqualTo(Map.of("2xx", 3L, "5xx", 1L));
        assertThat(s.statusClasses()).isEqualTo(Map.of("2xx", 2L, "5xx", 1L));
        assertThat(s.errors()).isEqualTo(2);
        assertThat(s.categories()).isEqualTo(Map.of(Category.HTTP_5XX, 1L, Category.ERROR, 1L));
        List<ClassifiedEvent> out = t.classifiedEvents();
        assertThat(out).hasSize(4).noneMatch(e -> e.message().contains("/health"));
        assertThat(out).filteredOn(e -> e.category() == Category.HTTP_5XX).singleElement()
                .satisfies(e -> assertThat(e.httpStatus()).isEqualTo(500));
    }

    @Test
    void shouldCountAStitchedTraceOnce() {
        TopologyFixture t = fixture(Map.of());
        String[] trace = {"2026-11-22 01:00:00.000 ERROR [main] c.e.OrderService - Request failed",
            "java.lang.IllegalStateException: order 42 has no lines",
            "\tat com.example.OrderService.place(OrderService.java:42)",
            "\tat com.example.Api.handle(Api.java:10)"};
        for (int i = 0; i < trace.length; i++) {
            t.pipe(t.event("orders", "task-a", T0.plusMillis(i), trace[i]));
        }
        t.settle();

        List<ClassifiedEvent> out = t.classifiedEvents();
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.lines()).isEqualTo(4);
            assertThat(e.message()).isEqualTo(String.join("\n", trace));
            assertThat(e.fingerprint()).hasSize(16);
        });
        ServiceStats s = t.latestStats(new HashMap<>(), "orders").get(T0.toEpochMilli());
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.topFingerprints()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.category()).isEqualTo(out.get(0).category());
            assertThat(f.sample()).isEqualTo(String.join("\n", trace));
        });
    }

    @Test
    void shouldHoldAQuietStreamsLastLineUntilTheWallClockFlush() {
        TopologyFixture t = fixture(Map.of());
        t.pipe(t.event("api", "task-a", T0, "ERROR upstream refused the request"));
        t.driver.advanceWallClockTime(Duration.ofMillis(300));
        assertThat(t.classified.isEmpty()).as("the line may still open a trace").isTrue();

        t.driver.advanceWallClockTime(Duration.ofMillis(400));

        assertThat(t.classifiedEvents()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("ERROR upstream refused the request"));
    }

    @Test
    void shouldEmitStatsWhileTheWindowIsOpenAndKeepThemInTheQueryableStore() {
        TopologyFixture t = fixture(Map.of());
        t.pipe(t.event("api", "task-a", at(1), "ERROR first failure"));
        t.settle();
        assertThat(t.latestStats(new HashMap<>(), "api").get(T0.toEpochMilli()).errors()).isEqualTo(1);

        t.pipe(t.event("api", "task-a", at(10), "ERROR second failure"));
        t.settle();
        ServiceStats second = t.latestStats(new HashMap<>(), "api").get(T0.toEpochMilli());
        assertThat(second.errors()).isEqualTo(2);
        assertThat(second.windowEnd()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(second.lastUpdated()).isEqualTo(at(10).toEpochMilli());

        WindowStore<String, ServiceStats> store = t.driver.getWindowStore(ClassifierTopology.STATS_STORE);
        try (WindowStoreIterator<ServiceStats> it = store.fetch("api", T0, T0.plusSeconds(3600))) {
            KeyValue<Long, ServiceStats> kv = it.next();
            assertThat(kv.key).isEqualTo(T0.toEpochMilli());
            assertThat(kv.value.errors()).isEqualTo(2);
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void shouldRankFingerprintsByCountAndRedactTheirSamples() {
        TopologyFixture t = fixture(Map.of(ClassifierStreamsConfig.TOP_FINGERPRINTS_CONFIG, 1));
        t.pipe(t.event("api", "task-a", at(1), "ERROR login failed password=hunter2"));
        t.pipe(t.event("api", "task-a", at(4), "ERROR timeout calling payments after 3000 ms"));
        t.pipe(t.event("api", "task-a", at(7), "ERROR timeout calling payments after 5000 ms"));
        t.settle();

        ServiceStats s = t.latestStats(new HashMap<>(), "api").get(T0.toEpochMilli());
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.topFingerprints()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.sample()).isEqualTo("ERROR timeout calling payments after 3000 ms");
        });
        assertThat(t.classifiedEvents()).extracting(ClassifiedEvent::message)
                .first().asString().doesNotContain("hunter2");
    }

    @Test
    void shouldDropDuplicateEventIdsBeforeCounting() {
        TopologyFixture t = fixture(Map.of());
        LogEvent e = t.event("api", "task-a", at(1), "ERROR disk full");
        t.pipe(e);
        t.pipe(e);
        t.pipe(t.event("api", "task-a", at(5), "ERROR disk still full"));
        t.settle();

        assertThat(t.classifiedEvents()).hasSize(2);
        assertThat(t.latestStats(new HashMap<>(), "api").get(T0.toEpochMilli()).events()).isEqualTo(2);
        assertThat(t.counters.get(DropCounters.Reason.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void shouldWriteTheSeenEventIdsToTheDedupStoreAtEachCommit() {
        TopologyFixture t = fixture(Map.of());
        LogEvent a = t.event("api", "task-a", at(1), "INFO one");
        LogEvent b = t.event("api", "task-b", at(2), "INFO two");
        t.pipe(a); // the driver commits after each record: the commit writes the dedup batches
        t.pipe(b);

        @SuppressWarnings("unchecked")
        PreCommitStore<org.apache.kafka.streams.state.KeyValueStore<String, EventIdBatch>> store =
                (PreCommitStore<org.apache.kafka.streams.state.KeyValueStore<String, EventIdBatch>>)
                        t.driver.getStateStore(ClassifierTopology.DEDUP_STORE);
        List<String> stored = new java.util.ArrayList<>();
        try (var it = store.store().all()) {
            it.forEachRemaining(kv -> stored.addAll(List.of(kv.value.ids())));
        }
        assertThat(stored).containsExactlyInAnyOrder(a.eventId(), b.eventId());

        t.pipe(a);
        t.settle();
        t.pipe(b);
        assertThat(t.counters.get(DropCounters.Reason.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void shouldCarryAServicesCountsAsAFewDeltasAndKeepUnforwardedOnesInTheStoreAtEachCommit() {
        TopologyFixture t = fixture(Map.of());
        var repartition = t.driver.createOutputTopic(ClassifierStreamsConfig.APPLICATION_ID_DEFAULT + "-"
                + ClassifierTopology.OBSERVATIONS_REPARTITION + "-repartition",
                new org.apache.kafka.common.serialization.StringDeserializer(), InternalSerdes.BY_SERVICE.deserializer());
        for (int i = 0; i < 40; i++) {
            t.pipe(t.event("api", "task-" + (i % 2), at(i), i % 4 == 0 ? "ERROR disk full" : "INFO fine"));
        }

        // Not forwarded yet, but counted: the commit after each record wrote them to the delta store.
        org.apache.kafka.streams.state.KeyValueStore<String, ServiceDelta> deltas =
                t.driver.getKeyValueStore(ClassifierTopology.DELTAS_STORE);
        long stored = 0;
        try (var it = deltas.all()) {
            while (it.hasNext()) {
                stored += it.next().value.counts().events();
            }
        }
        assertThat(stored).isBetween(30L, 40L); // the streams' last lines may still wait in the stitcher
        t.settle();

        List<ByService> records = repartition.readValuesToList();
        assertThat(records).filteredOn(r -> r.fact()).hasSize(2); // the first event of each new stream
        assertThat(records).filteredOn(r -> r.delta() != null).hasSizeLessThanOrEqualTo(3)
                .extracting(r -> r.delta().counts().events())
                .satisfies(l -> assertThat(l.stream().mapToLong(Long::longValue).sum()).isEqualTo(40));
        ServiceStats window = t.latestStats(new HashMap<>(), "api").get(T0.toEpochMilli());
        assertThat(window.events()).isEqualTo(40);
        assertThat(window.errors()).isEqualTo(10);
        try (var it = deltas.all()) {
            assertThat(it.hasNext()).as("forwarded deltas are deleted at the next commit").isFalse();
        }
    }

    @Test
    void shouldCountAnEventStampedFarAheadOfItsIngestionAtItsIngestionTimeWithoutMakingLaterEventsLate() {
        TopologyFixture t = fixture(Map.of(ClassifierStreamsConfig.STATS_GRACE_MS_CONFIG, 60_000));
        t.pipe(t.event("api", "task-a", at(5), "ERROR one"));
        // A container whose clock is a day ahead; CloudWatch ingested the line at 01:00:10.
        LogEvent skewed = t.event("api", "task-b", at(10), "ERROR from a task with a wrong clock");
        t.pipe(new LogEvent(skewed.service(), skewed.cluster(), skewed.logGroup(), skewed.logStream(), skewed.taskId(),
                skewed.container(), skewed.eventId(), at(10).plus(Duration.ofDays(1)).toEpochMilli(),
                skewed.ingestionTime(), skewed.message(), skewed.source()));
        t.pipe(t.event("api", "task-a", at(20), "ERROR two"));
        t.settle();

        Map<Long, ServiceStats> latest = t.latestStats(new HashMap<>(), "api");
        assertThat(latest.get(T0.toEpochMilli()).errors()).isEqualTo(3);
        assertThat(latest.keySet()).containsExactly(T0.toEpochMilli());
        assertThat(t.counters.futureTimestamps()).isEqualTo(1);
        assertThat(t.counters.get(DropCounters.Reason.LATE)).isZero();
        assertThat(t.dlq.readRecordsToList()).isEmpty();
        assertThat(t.classifiedEvents()).filteredOn(e -> e.message().contains("wrong clock"))
                .singleElement().satisfies(e -> assertThat(e.timestamp()).isEqualTo(at(10).toEpochMilli()));
    }

    @Test
    void shouldKeepTheTimestampOfAnEventAheadOfItsIngestionByLessThanTheLimit() {
        TopologyFixture t = fixture(Map.of());
        LogEvent e = t.event("api", "task-a", at(10), "ERROR clock a little ahead");
        long stamped = at(10).plusSeconds(240).toEpochMilli(); // 4 minutes ahead: inside the 5-minute default
        t.pipe(new LogEvent(e.service(), e.cluster(), e.logGroup(), e.logStream(), e.taskId(), e.container(),
                e.eventId(), stamped, e.ingestionTime(), e.message(), e.source()));
        t.settle();

        assertThat(t.counters.futureTimestamps()).isZero();
        assertThat(t.classifiedEvents()).singleElement().satisfies(c -> assertThat(c.timestamp()).isEqualTo(stamped));
    }

    @Test
    void shouldCountLateEventsInsideGraceAndDeadLetterThoseAfterIt() {
        TopologyFixture t = fixture(Map.of(ClassifierStreamsConfig.STATS_GRACE_MS_CONFIG, 60_000));
        t.pipe(t.event("api", "task-a", at(5), "ERROR one"));
        t.pipe(t.event("api", "task-b", at(90), "ERROR two"));   // stream time 01:01:30
        t.settle();
        t.pipe(t.event("api", "task-c", at(30), "ERROR late but inside grace")); // window ends 01:01:00, +60 s grace
        t.settle();
        Map<Long, ServiceStats> latest = t.latestStats(new HashMap<>(), "api");
        assertThat(latest.get(T0.toEpochMilli()).errors()).isEqualTo(2);

        t.pipe(t.event("api", "task-b", at(200), "ERROR three")); // stream time 01:03:20: first window closed
        t.settle();
        t.pipe(t.event("api", "task-d", at(40), "ERROR after grace"));
        t.settle();

        latest = t.latestStats(latest, "api");
        assertThat(latest.get(T0.toEpochMilli()).errors()).isEqualTo(2);
        assertThat(t.counters.get(DropCounters.Reason.LATE)).isEqualTo(1);
        List<TestRecord<byte[], byte[]>> dead = t.dlq.readRecordsToList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(DeadLetter.header(r.headers(), DeadLetter.STAGE)).contains("late");
            assertThat(DeadLetter.header(r.headers(), DeadLetter.REASON).orElseThrow()).startsWith("late: event time");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("after grace");
        });
    }

    @Test
    void shouldFlagRestartWhenNewTaskStreamAppears() {
        TopologyFixture t = fixture(Map.of());
        t.pipe(t.event("api", "task-a", at(0), "INFO ready"));
        t.pipe(t.event("api", "task-b", at(10), "INFO ready")); // within the warm-up: was already running
        t.pipe(t.event("api", "task-a", at(300), OOM));
        t.pipe(t.event("api", "task-c", at(360), "INFO booting"));
        t.settle();

        List<RestartEvent> restarts = t.restarts.readValuesToList();
        assertThat(restarts).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RestartEvent.Kind.TASK_START);
            assertThat(r.taskId()).isEqualTo("task-c");
            assertThat(r.previousTaskId()).isEqualTo("task-a");
            assertThat(r.previousLogStream()).isEqualTo("ecs/api/task-a");
            assertThat(r.lastErrors()).containsExactly(OOM);
            assertThat(r.lastErrorCategory()).isEqualTo(Category.OOM);
            assertThat(r.timestamp()).isEqualTo(at(360).toEpochMilli());
            assertThat(r.crashLoop()).isFalse();
        });
    }

    @Test
    void shouldDetectAContainerRestartFromABannerAfterACrashInTheSameStream() {
        TopologyFixture t = fixture(Map.of());
        t.pipe(t.event("api", "task-a", at(0), BANNER));           // a first start, no crash before: not a restart
        t.pipe(t.event("api", "task-a", at(100), OOM));
        t.pipe(t.event("api", "task-b", at(10), BANNER));          // another stream: not this crash's restart
        t.pipe(t.event("api", "task-a", at(130), BANNER));
        t.settle();

        assertThat(t.restarts.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RestartEvent.Kind.CONTAINER_RESTART);
            assertThat(r.taskId()).isEqualTo("task-a");
            assertThat(r.previousTaskId()).isEqualTo("task-a");
            assertThat(r.lastErrors()).containsExactly(OOM);
            assertThat(r.lastErrorCategory()).isEqualTo(Category.OOM);
            assertThat(r.restartsInWindow()).isEqualTo(1);
        });
    }

    @Test
    void shouldFlagACrashLoopAtTheThirdRestartWithinFifteenMinutes() {
        TopologyFixture t = fixture(Map.of());
        long s = 0;
        for (int i = 0; i < 3; i++) {
            t.pipe(t.event("api", "task-a", at(s += 60), "panic: runtime error: invalid memory address"));
            t.pipe(t.event("api", "task-a", at(s += 60), "Listening at: http://0.0.0.0:8000 (7)"));
        }
        t.pipe(t.event("api", "task-a", at(s += 3600), "panic: runtime error: index out of range"));
        t.pipe(t.event("api", "task-a", at(s + 60), "Listening at: http://0.0.0.0:8000 (7)"));
        t.settle();

        List<RestartEvent> restarts = t.restarts.readValuesToList();
        assertThat(restarts).extracting(RestartEvent::restartsInWindow).containsExactly(1, 2, 3, 1);
        assertThat(restarts).extracting(RestartEvent::crashLoop).containsExactly(false, false, true, false);
        assertThat(restarts).allSatisfy(r -> assertThat(r.lastErrorCategory()).isEqualTo(Category.PANIC));
    }

    @Test
    void shouldRouteEveryKindOfBadInputToTheDeadLetterTopicAndGoOn() {
        // TopologyTestDriver 4.3 loses the records a deserialization handler returns when it runs with
        // exactly_once_v2 (they stay in its mock producer's open transaction); ClassifierStreamsIT checks
        // the same routing under exactly-once on a real broker.
        TopologyFixture t = fixture(Map.of("processing.guarantee", "at_least_once"));
        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
        byte[] missing = "{\"service\":\"api\",\"logGroup\":\"/ecs/api\",\"logStream\":\"s\",\"timestamp\":1,\"message\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);
        LogEvent huge = t.event("api", "task-a", at(1), "x".repeat(1024 * 1024));
        LogEvent oversize = t.event("api", "task-a", at(1), "y".repeat(300 * 1024));
        byte[] notUtf8 = Topics.LOGS_RAW.valueSerde().serializer().serialize("t", t.event("api", "task-a", at(1), "caf\u00e9"));
        int e9 = indexOf(notUtf8, (byte) 0xc3);
        notUtf8[e9] = (byte) 0xe9; // Latin-1 é inside the UTF-8 text
        t.pipe("k1", notJson, at(1));
        t.pipe("k2", missing, at(1));
        t.pipe(huge);
        t.pipe(oversize);
        t.pipe("k5", notUtf8, at(1));
        t.pipe(t.event("api", "task-a", at(2), "ERROR still processing"));
        t.settle();

        List<TestRecord<byte[], byte[]>> dead = t.dlq.readRecordsToList();
        assertThat(dead).hasSize(5);
        assertThat(dead).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.STAGE).orElseThrow())
                .containsExactly("deserialize", "validate", "deserialize", "validate", "deserialize");
        assertThat(dead).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.REASON).orElseThrow())
                .satisfiesExactly(
                        r -> assertThat(r).contains("cannot read LogEvent"),
                        r -> assertThat(r).isEqualTo("missing required field: eventId"),
                        r -> assertThat(r).contains("larger than classifier.max.record.bytes"),
                        r -> assertThat(r).contains("larger than classifier.max.message.bytes"),
                        r -> assertThat(r).isEqualTo("not valid UTF-8: byte 0xe9 at offset " + e9));
        assertThat(dead).allSatisfy(r -> {
            assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC)).contains(Topics.LOGS_RAW.name());
            assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_PARTITION)).contains("0");
            assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_OFFSET)).isPresent();
        });
        assertThat(dead.get(0).value()).isEqualTo(notJson);
        assertThat(dead.get(1).value()).isEqualTo(missing);
        assertThat(dead.get(4).value()).isEqualTo(notUtf8);
        assertThat(DeadLetter.header(dead.get(4).headers(), DeadLetter.SOURCE_OFFSET)).contains("4");
        assertThat(t.counters.snapshot()).containsEntry(DropCounters.Reason.UNREADABLE, 3L)
                .containsEntry(DropCounters.Reason.MISSING_FIELD, 1L).containsEntry(DropCounters.Reason.OVERSIZE, 1L);
        assertThat(t.classifiedEvents()).extracting(ClassifiedEvent::message).containsExactly("ERROR still processing");
    }

    @Test
    void shouldNameEveryOperatorStoreAndRepartitionTopic() {
        ClassifierStreamsConfig config = ClassifierStreamsConfig.of(Map.of());
        TopologyDescription d = ClassifierTopology.build(new StreamsBuilder(), config).describe();
        Map<String, TopologyDescription.Node> nodes = new HashMap<>();
        java.util.Set<String> stores = new java.util.HashSet<>();
        java.util.Set<String> topics = new java.util.HashSet<>();
        for (TopologyDescription.Subtopology st : d.subtopologies()) {
            for (TopologyDescription.Node n : st.nodes()) {
                nodes.put(n.name(), n);
                if (n instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                } else if (n instanceof TopologyDescription.Source s) {
                    topics.addAll(s.topicSet());
                }
            }
        }
        assertThat(nodes.keySet()).containsAll(ClassifierTopology.PROCESSOR_NAMES);
        assertThat(nodes.keySet()).allSatisfy(name -> assertThat(name).doesNotStartWith("KSTREAM-").doesNotStartWith("KTABLE-"));
        assertThat(stores).containsExactlyInAnyOrderElementsOf(ClassifierTopology.STORE_NAMES);
        assertThat(topics).containsExactlyInAnyOrder(Topics.LOGS_RAW.name(),
                ClassifierTopology.OBSERVATIONS_REPARTITION + "-repartition");
        assertThat(d.subtopologies()).hasSize(2);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }
}
