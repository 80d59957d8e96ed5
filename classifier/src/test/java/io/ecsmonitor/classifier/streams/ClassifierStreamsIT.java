package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two classifier instances with one application id on a real broker; one is killed (SIGKILL) half-way
 * and the other takes over; the final per-service counts equal the totals the engine computes for the
 * same traffic, exactly: no loss, no double count, duplicates dropped, bad records dead-lettered.
 */
@WithKafka
class ClassifierStreamsIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierStreamsIT.class);
    private static final int EVENTS = Integer.getInteger("classifier.it.events", 100_000);
    private static final int DUPLICATE_EVERY = 97;
    private static final int LATE_DUPLICATE_EVERY = 89;
    private static final int BAD_RECORDS = 5;
    private static final long T0 = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();
    /** Long enough that neither event-time gaps nor the failover pause release a trace early. */
    private static final long QUIET_MS = Duration.ofHours(1).toMillis();
    private static final long TERMINATOR_OFFSET_MS = Duration.ofHours(2).toMillis();

    @Test
    void shouldCountEveryEventExactlyOnceWhenAnInstanceIsKilledHalfWay(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        CorpusTraffic traffic = new CorpusTraffic(EVENTS, T0, 5, 42);
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, KafkaCluster.uniqueName("classifier-it"));
        settings.put(ClassifierStreamsConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        settings.put(ClassifierStreamsConfig.STITCH_QUIET_MS_CONFIG, Long.toString(QUIET_MS));
        settings.put(ClassifierStreamsConfig.STITCH_IDLE_MS_CONFIG, Long.toString(QUIET_MS));
        settings.put(ClassifierStreamsConfig.STATS_GRACE_MS_CONFIG, Long.toString(Duration.ofHours(3).toMillis()));
        settings.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "6000");
        settings.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "1000");
        settings.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), "6000");
        ClassifierStreamsConfig config = ClassifierStreamsConfig.of(settings);

        Map<String, Object> survivorSettings = new HashMap<>(settings);
        survivorSettings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("survivor").toString());
        survivorSettings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:7001");
        Process victim = null;
        try (ClassifierService survivor = new ClassifierService(ClassifierStreamsConfig.of(survivorSettings))) {
            survivor.start();
            Path victimLog = Files.createDirectories(Path.of("target", "it-logs")).resolve(settings.get(
                    StreamsConfig.APPLICATION_ID_CONFIG) + "-killed-instance.log");
            victim = startVictim(settings, dir.resolve("victim"), victimLog);
            await().atMost(Duration.ofSeconds(60)).until(() -> survivor.state() == KafkaStreams.State.RUNNING);
            Process started = victim;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(started.isAlive()).as("the second instance runs; see %s", victimLog).isTrue();
                return Files.readString(victimLog).contains("RUNNING");
            });

            List<ProducerRecord<String, byte[]>> records = records(traffic);
            int half = records.size() / 2;
            StatsReader stats = new StatsReader(kafka);
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                send(producer, records.subList(0, half));
                long wanted = traffic.expected(config.stitch).values().stream().mapToLong(CorpusTraffic.Totals::events).sum() / 5;
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> stats.poll().values().stream().mapToLong(ServiceStats::events).sum() >= wanted);
                LOG.info("killing one instance half-way (pid {})", victim.pid());
                victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                send(producer, records.subList(half, records.size()));
            }

            Map<String, CorpusTraffic.Totals> expected = traffic.expected(config.stitch);
            long end = traffic.lastTimestamp + 1;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(totals(stats.poll(), end)).isEqualTo(expected));
            LOG.info("final totals {}", expected);

            String service = "api";
            KeyQueryMetadata owner = survivor.owner(service);
            assertThat(owner.activeHost().port()).isEqualTo(7001);
            long queried = survivor.localStats(service, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(end)).stream()
                    .mapToLong(ServiceStats::events).sum();
            assertThat(queried).isEqualTo(expected.get(service).events());

            List<ConsumerRecord<byte[], byte[]>> dead = readDlq(kafka, BAD_RECORDS);
            assertThat(dead).hasSize(BAD_RECORDS).allSatisfy(r -> {
                assertThat(DeadLetter.header(r.headers(), DeadLetter.STAGE)).contains("deserialize");
                assertThat(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC)).contains(Topics.LOGS_RAW.name());
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).startsWith("not json");
            });
            long classified = countClassified(kafka, expected);
            LOG.info("classified records {}", classified);
        } finally {
            if (victim != null && victim.isAlive()) {
                victim.destroyForcibly();
            }
        }
    }

    /**
     * The raw records: every event, every 97th twice (a redelivery), bad records, a second copy of every 89th
     * event of the first third (a redelivery that arrives after the kill, so the survivor drops it with the
     * dedup state it restored), then one late line per stream.
     */
    private static List<ProducerRecord<String, byte[]>> records(CorpusTraffic traffic) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        var serializer = Topics.LOGS_RAW.valueSerde().serializer();
        Map<String, LogEvent> lastPerStream = new HashMap<>();
        int i = 0;
        for (LogEvent e : traffic.events) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.LOGS_RAW.name(), e.streamKey(),
                    serializer.serialize(Topics.LOGS_RAW.name(), e));
            records.add(r);
            if (++i % DUPLICATE_EVERY == 0) {
                records.add(r);
            }
            if (i % (traffic.events.size() / BAD_RECORDS) == 0 && records.size() < traffic.events.size() * 2) {
                records.add(new ProducerRecord<>(Topics.LOGS_RAW.name(), e.streamKey(),
                        ("not json " + i).getBytes(StandardCharsets.UTF_8)));
            }
            lastPerStream.put(e.streamKey(), e);
        }
        for (int j = 0; j < traffic.events.size() / 3; j += LATE_DUPLICATE_EVERY) {
            LogEvent e = traffic.events.get(j);
            records.add(new ProducerRecord<>(Topics.LOGS_RAW.name(), e.streamKey(),
                    serializer.serialize(Topics.LOGS_RAW.name(), e)));
        }
        // A line per stream two hours later closes each stream's last trace (its own window is not counted).
        for (LogEvent e : lastPerStream.values()) {
            LogEvent t = new LogEvent(e.service(), e.cluster(), e.logGroup(), e.logStream(), e.taskId(), e.container(),
                    "end-" + e.streamKey(), traffic.lastTimestamp + TERMINATOR_OFFSET_MS, 0, "INFO end", "it");
            records.add(new ProducerRecord<>(Topics.LOGS_RAW.name(), t.streamKey(), serializer.serialize("", t)));
        }
        return records;
    }

    private static Map<String, CorpusTraffic.Totals> totals(Map<String, ServiceStats> latest, long end) {
        Map<String, long[]> c = new HashMap<>();
        Map<String, Map<Category, Long>> categories = new HashMap<>();
        for (ServiceStats s : latest.values()) {
            if (s.windowStart() >= end) {
                continue;
            }
            long[] t = c.computeIfAbsent(s.service(), k -> new long[3]);
            t[0] += s.events();
            t[1] += s.errors();
            t[2] += s.noise();
            s.categories().forEach((cat, n) -> categories.computeIfAbsent(s.service(), k -> new EnumMap<>(Category.class))
                    .merge(cat, n, Long::sum));
        }
        Map<String, CorpusTraffic.Totals> out = new HashMap<>();
        c.forEach((service, t) -> out.put(service, new CorpusTraffic.Totals(t[0], t[1], t[2],
                categories.getOrDefault(service, Map.of()))));
        return out;
    }

    private static Process startVictim(Map<String, Object> settings, Path stateDir, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClassifierNode.class.getName());
        settings.forEach((k, v) -> command.add(k + "=" + v));
        command.add(StreamsConfig.STATE_DIR_CONFIG + "=" + stateDir);
        command.add(StreamsConfig.APPLICATION_SERVER_CONFIG + "=localhost:7002");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static KafkaProducer<String, byte[]> producer(KafkaCluster kafka) {
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDlq(KafkaCluster kafka, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("dlq")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.DLQ.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
            });
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /** Every non-noise stitched event reaches the classified topic exactly once. */
    private static long countClassified(KafkaCluster kafka, Map<String, CorpusTraffic.Totals> expected) {
        long wanted = expected.values().stream().mapToLong(t -> t.events() - t.noise()).sum();
        long[] n = {0};
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("cl")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.LOGS_CLASSIFIED.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                n[0] += c.poll(Duration.ofMillis(200)).count();
                return n[0] >= wanted;
            });
            n[0] += c.poll(Duration.ofSeconds(1)).count();
        }
        assertThat(n[0]).isEqualTo(wanted);
        return n[0];
    }

    /** Follows ecs-monitor.stats (read_committed) and keeps the latest update of each (service, window). */
    private static final class StatsReader {
        private final KafkaConsumer<String, ServiceStats> consumer;
        private final Map<String, ServiceStats> latest = new HashMap<>();

        StatsReader(KafkaCluster kafka) {
            consumer = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("stats")),
                    new StringDeserializer(), Topics.STATS.valueSerde().deserializer());
            consumer.subscribe(List.of(Topics.STATS.name()));
        }

        Map<String, ServiceStats> poll() {
            for (ConsumerRecord<String, ServiceStats> r : consumer.poll(Duration.ofMillis(100))) {
                latest.put(r.value().service() + "@" + r.value().windowStart(), r.value());
            }
            return latest;
        }
    }
}
