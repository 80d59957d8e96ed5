package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology in a {@link TopologyTestDriver} with typed topics and a clock that starts at {@link #T0}. */
final class TopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    final ClassifierStreamsConfig config;
    final DropCounters counters = new DropCounters();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> raw;
    final TestOutputTopic<String, ClassifiedEvent> classified;
    final TestOutputTopic<String, ServiceStats> stats;
    final TestOutputTopic<String, RestartEvent> restarts;
    final TestOutputTopic<byte[], byte[]> dlq;
    private int nextId;

    TopologyFixture(Path stateDir, Map<String, ?> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config = ClassifierStreamsConfig.of(settings);
        Properties props = config.streamsProperties();
        props.put(DropCounters.CONFIG_KEY, counters);
        driver = new TopologyTestDriver(ClassifierTopology.build(new StreamsBuilder(), config), props, T0);
        raw = driver.createInputTopic(Topics.LOGS_RAW.name(), new StringSerializer(), new ByteArraySerializer(),
                T0, Duration.ZERO);
        classified = driver.createOutputTopic(Topics.LOGS_CLASSIFIED.name(),
                Topics.LOGS_CLASSIFIED.keySerde().deserializer(), Topics.LOGS_CLASSIFIED.valueSerde().deserializer());
        stats = driver.createOutputTopic(Topics.STATS.name(), Topics.STATS.keySerde().deserializer(),
                Topics.STATS.valueSerde().deserializer());
        restarts = driver.createOutputTopic(Topics.RESTARTS.name(), Topics.RESTARTS.keySerde().deserializer(),
                Topics.RESTARTS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A log event of {@code service}'s task {@code task} at {@code at}, with a fresh event id. */
    LogEvent event(String service, String task, Instant at, String message) {
        return new LogEvent(service, "prod", "/ecs/" + service, "ecs/" + service + "/" + task, task, service,
                "ev-" + (nextId++), at.toEpochMilli(), at.toEpochMilli(), message, "test");
    }

    void pipe(LogEvent e) {
        pipe(e.streamKey(), Topics.LOGS_RAW.valueSerde().serializer().serialize("t", e), Instant.ofEpochMilli(e.timestamp()));
    }

    void pipe(String key, byte[] value, Instant at) {
        raw.pipeInput(new TestRecord<>(key, value, at));
    }

    /** Lets the wall clock run past the quiet period and the emit interval, so open traces and stats come out. */
    void settle() {
        driver.advanceWallClockTime(Duration.ofMillis(config.stitchIdleMs + config.punctuationIntervalMs));
        driver.advanceWallClockTime(Duration.ofMillis(config.punctuationIntervalMs + config.statsEmitIntervalMs));
    }

    /** The latest stats per window start of {@code service} emitted so far (drains the topic). */
    Map<Long, ServiceStats> latestStats(Map<Long, ServiceStats> into, String service) {
        for (ServiceStats s : stats.readValuesToList()) {
            if (s.service().equals(service)) {
                into.put(s.windowStart(), s);
            }
        }
        return into;
    }

    List<ClassifiedEvent> classifiedEvents() {
        return new ArrayList<>(classified.readValuesToList());
    }

    @Override
    public void close() {
        driver.close();
    }
}
