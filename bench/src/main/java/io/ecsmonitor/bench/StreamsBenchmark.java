package io.ecsmonitor.bench;

import io.ecsmonitor.classifier.stitch.StitchConfig;
import io.ecsmonitor.classifier.stitch.Stitcher;
import io.ecsmonitor.classifier.streams.ClassifierService;
import io.ecsmonitor.classifier.streams.ClassifierStreamsConfig;
import io.ecsmonitor.core.model.ClassifiedEvent;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.StandaloneKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The streaming classifier on the in-process broker, two measurements in one run:
 * <ol>
 *   <li><b>warm-up</b>: one round of both topologies on events of their own, so that the timed round runs on
 *       compiled code (the JIT compilers of this JVM compile the broker's and the clients' code as well);</li>
 *   <li><b>throughput</b>: N corpus events preloaded into a 6-partition raw topic; the first half warms the
 *       JIT up, the second half is timed: until (a) a pass-through topology (raw → sink, no processing) has
 *       committed every input offset, and (b) the classifier's stats add up to every event (the totals
 *       the engine computes for the same input; the half-way mark is half of them). Same guarantee, commit
 *       interval and threads for both; CPU per event is also split by thread ({@link ThreadCpu});</li>
 *   <li><b>latency</b>: events produced at a steady rate with their produce time as event time; p50/p99 of
 *       (arrival on {@code ecs-monitor.logs.classified} − event time) and of (arrival of a stats update −
 *       its {@code lastUpdated}), read with {@code read_committed}.</li>
 * </ol>
 * Settings (system properties): {@code bench.events} (default 100000), {@code bench.warmup} (events of the
 * warm-up round, default 1000000; 0 skips it), {@code bench.rate} (events/s,
 * default 20000), {@code bench.seconds} (latency run, default 30), {@code bench.guarantee}
 * (default exactly_once_v2), {@code bench.commit.ms} (default 100), {@code bench.latency.threads} (stream
 * threads of the latency run, default 1), {@code bench.latency.skip.seconds} (lead-in of the latency run that is
 * not measured, default 5), {@code bench.profile} (see
 * {@link Profiler}).
 */
public final class StreamsBenchmark {

    private static final int PARTITIONS = 6;
    private static final long QUIET_FOR_THROUGHPUT = Duration.ofHours(1).toMillis();

    private static double passThroughCpuUs;

    private StreamsBenchmark() {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("log4j2.configurationFile", "classpath:bench-log4j2.xml");
        int events = Integer.getInteger("bench.events", 100_000);
        int rate = Integer.getInteger("bench.rate", 20_000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        String guarantee = System.getProperty("bench.guarantee", StreamsConfig.EXACTLY_ONCE_V2);
        long commitMs = Long.getLong("bench.commit.ms", 100);
        List<String> corpus = DevCorpus.messages(DevCorpus.locate());
        Path stateDir = Files.createTempDirectory("streams-bench");
        System.out.printf(Locale.ROOT, "streams benchmark: %d events, guarantee %s, commit.interval.ms %d, %d cores,"
                        + " load average %.1f%n", events, guarantee, commitMs, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int warmup = Integer.getInteger("bench.warmup", 1_000_000);
        try (StandaloneKafka standalone = StandaloneKafka.start(1)) {
            KafkaCluster kafka = standalone.cluster();
            createTopics(kafka);
            long now = System.currentTimeMillis();
            if (warmup > 0) {
                // A round of each topology first, so that the timed rounds run on compiled code: on 2 cores the
                // JIT compilers otherwise take half the CPU of the timed rounds (broker, clients and topology
                // all compile in this one JVM), which a long-running instance does not pay.
                double p = passThrough(kafka, corpus, warmup, guarantee, commitMs, stateDir, "warm-up ");
                double c = classifier(kafka, corpus, warmup, guarantee, commitMs, stateDir,
                        now - Duration.ofHours(8).toMillis(), "warm-up ");
                System.out.printf(Locale.ROOT, "warm-up: pass-through %.0f events/s, classifier %.0f events/s, ratio %.2f%n",
                        p, c, c / p);
            }
            double passThrough = passThrough(kafka, corpus, events, guarantee, commitMs, stateDir, "");
            double classifier = classifier(kafka, corpus, events, guarantee, commitMs, stateDir,
                    now - Duration.ofHours(3).toMillis(), "");
            System.out.printf(Locale.ROOT, "throughput: pass-through %.0f events/s, classifier %.0f events/s, ratio %.2f (goal 0.70)%n",
                    passThrough, classifier, classifier / passThrough);
            latency(kafka, corpus, rate, seconds, guarantee, commitMs, stateDir);
        }
    }

    private static double passThrough(KafkaCluster kafka, List<String> corpus, int n, String guarantee, long commitMs,
            Path stateDir, String label) throws Exception {
        String in = KafkaCluster.uniqueName("bench.pass.raw");
        String out = KafkaCluster.uniqueName("bench.pass.sink");
        kafka.createTopic(in, PARTITIONS, 1);
        kafka.createTopic(out, PARTITIONS, 1);
        preload(kafka, in, traffic(corpus, n, System.currentTimeMillis() - Duration.ofHours(3).toMillis()));
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read"))
                .to(out, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write"));
        String app = KafkaCluster.uniqueName("bench-pass");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(app).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
        try (KafkaStreams streams = new KafkaStreams(b.build(), p); Admin admin = kafka.newAdminClient()) {
            streams.start();
            waitFor(() -> streams.state() == KafkaStreams.State.RUNNING, 60_000);
            waitFor(() -> committed(admin, app, in) >= n / 2, 600_000); // the first half warms the JIT up
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            ThreadCpu threads = ThreadCpu.now();
            waitFor(() -> committed(admin, app, in) >= n, 600_000);
            ThreadCpu threadsEnd = ThreadCpu.now();
            int timed = n - n / 2;
            double rate = timed / ((System.nanoTime() - start) / 1e9);
            double cpuUs = (processCpuNanos() - cpu) / 1e3 / timed;
            System.out.printf(Locale.ROOT, "%spass-through: second half, %d events in %.2f s, %.1f µs CPU per event"
                    + " (whole JVM, broker included)%n", label, timed, timed / rate, cpuUs);
            System.out.print(ThreadCpu.perEvent(threads, threadsEnd, timed));
            passThroughCpuUs = cpuUs;
            return rate;
        }
    }

    private static double classifier(KafkaCluster kafka, List<String> corpus, int n, String guarantee, long commitMs,
            Path stateDir, long t0, String label) throws Exception {
        List<LogEvent> traffic = traffic(corpus, n, t0);
        long expected = expectedEvents(traffic);
        List<LogEvent> withEnds = new ArrayList<>(traffic);
        Map<String, LogEvent> last = new HashMap<>();
        traffic.forEach(e -> last.put(e.streamKey(), e));
        long endTs = traffic.get(traffic.size() - 1).timestamp() + Duration.ofHours(2).toMillis();
        last.values().forEach(e -> withEnds.add(new LogEvent(e.service(), e.cluster(), e.logGroup(), e.logStream(),
                e.taskId(), e.container(), "end-" + e.streamKey(), endTs, 0, "INFO end", "bench")));

        String app = KafkaCluster.uniqueName("bench-classifier");
        Map<String, Object> settings = settings(kafka, app, guarantee, commitMs, stateDir);
        // The expected total is computed offline: no trace may be released by the wall clock meanwhile.
        settings.put(ClassifierStreamsConfig.STITCH_QUIET_MS_CONFIG, Long.toString(QUIET_FOR_THROUGHPUT));
        settings.put(ClassifierStreamsConfig.STITCH_IDLE_MS_CONFIG, Long.toString(QUIET_FOR_THROUGHPUT));
        settings.put(ClassifierStreamsConfig.STATS_GRACE_MS_CONFIG, Long.toString(Duration.ofHours(3).toMillis()));
        try (ClassifierService service = new ClassifierService(ClassifierStreamsConfig.of(settings))) {
            // This round's application starts after the events of earlier rounds, then reads what is preloaded
            // before it starts, as for the pass-through.
            startAtEnd(kafka, app, Topics.LOGS_RAW.name());
            preload(kafka, Topics.LOGS_RAW.name(), withEnds);
            service.start();
            waitFor(() -> service.state() == KafkaStreams.State.RUNNING, 60_000);
            Map<String, Long> latest = new HashMap<>();
            long[] mark = new long[2];
            ThreadCpu[] threads = new ThreadCpu[1];
            try (KafkaConsumer<String, ServiceStats> stats = new KafkaConsumer<>(
                    kafka.consumerConfig(KafkaCluster.uniqueName("bench-stats")), new StringDeserializer(),
                    Topics.STATS.valueSerde().deserializer())) {
                stats.subscribe(List.of(Topics.STATS.name()));
                waitFor(() -> {
                    for (ConsumerRecord<String, ServiceStats> r : stats.poll(Duration.ofMillis(50))) {
                        if (r.value().windowStart() >= t0 - 60_000 && r.value().windowStart() < endTs - 60_000) {
                            latest.put(r.key() + "@" + r.value().windowStart(), r.value().events());
                        }
                    }
                    long counted = latest.values().stream().mapToLong(Long::longValue).sum();
                    if (mark[0] == 0 && counted >= expected / 2) { // the first half warms the JIT up
                        mark[0] = System.nanoTime();
                        mark[1] = processCpuNanos();
                        threads[0] = ThreadCpu.now();
                        if (label.isEmpty()) {
                            Profiler.start();
                        }
                    }
                    return counted >= expected;
                }, 900_000);
            }
            ThreadCpu threadsEnd = ThreadCpu.now();
            if (label.isEmpty()) {
                Profiler.stop();
            }
            int timed = n - n / 2;
            double rate = timed / ((System.nanoTime() - mark[0]) / 1e9);
            double cpuUs = (processCpuNanos() - mark[1]) / 1e3 / timed;
            System.out.printf(Locale.ROOT, "%sclassifier: %d events (%d after stitching); second half, ~%d events in %.2f s,"
                    + " %.1f µs CPU per event; drops %s%n", label, n, expected, timed, timed / rate, cpuUs, service.dropCounters());
            System.out.print(ThreadCpu.perEvent(threads[0], threadsEnd, timed));
            System.out.printf(Locale.ROOT, "%sCPU per event: classifier / pass-through %.2f (the throughput ratio an idle"
                    + " machine would show if both were CPU-bound: %.2f)%n", label, cpuUs / passThroughCpuUs,
                    passThroughCpuUs / cpuUs);
            return rate;
        }
    }

    private static void latency(KafkaCluster kafka, List<String> corpus, int rate, int seconds, String guarantee,
            long commitMs, Path stateDir) throws Exception {
        String app = KafkaCluster.uniqueName("bench-latency");
        Map<String, Object> settings = settings(kafka, app, guarantee, commitMs, stateDir);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.getInteger("bench.latency.threads", 1));
        settings.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "latest");
        List<long[]> classifiedLatency = new ArrayList<>();
        List<long[]> statsLatency = new ArrayList<>();
        // Not measured: the first seconds of a standing start, until the rate has been served for a while (the
        // producer's batches, the fetch sizes and the new paths' JIT settle; the p99 by 5 s shows the transient)
        long warmupMs = Long.getLong("bench.latency.skip.seconds", 5) * 1000;
        try (ClassifierService service = new ClassifierService(ClassifierStreamsConfig.of(settings));
             KafkaConsumer<String, ClassifiedEvent> classified = new KafkaConsumer<>(
                     latestConfig(kafka), new StringDeserializer(), Topics.LOGS_CLASSIFIED.valueSerde().deserializer());
             KafkaConsumer<String, ServiceStats> stats = new KafkaConsumer<>(
                     latestConfig(kafka), new StringDeserializer(), Topics.STATS.valueSerde().deserializer());
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            service.start();
            waitFor(() -> service.state() == KafkaStreams.State.RUNNING, 60_000);
            classified.subscribe(List.of(Topics.LOGS_CLASSIFIED.name()));
            stats.subscribe(List.of(Topics.STATS.name()));
            waitFor(() -> {
                classified.poll(Duration.ofMillis(50));
                stats.poll(Duration.ofMillis(50));
                return !classified.assignment().isEmpty() && !stats.assignment().isEmpty();
            }, 30_000);

            Random random = new Random(7);
            var serializer = Topics.LOGS_RAW.valueSerde().serializer();
            awaitEveryTaskServing(producer, classified);
            long begin = System.currentTimeMillis();
            long sent = 0;
            long measureFrom = begin + warmupMs;
            long stopAt = begin + warmupMs + seconds * 1000L;
            while (true) {
                long now = System.currentTimeMillis();
                if (now >= stopAt) {
                    break;
                }
                long due = (now - begin) * rate / 1000;
                while (sent < due) {
                    LogEvent e = event(corpus, random, sent, now);
                    producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), e.streamKey(),
                            serializer.serialize("", e)));
                    sent++;
                }
                drain(classified, stats, measureFrom, classifiedLatency, statsLatency);
                Thread.sleep(2); // pace the producer instead of spinning: the topology needs the cores
            }
            producer.flush();
            long tail = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < tail) {
                drain(classified, stats, measureFrom, classifiedLatency, statsLatency);
            }
            double seconds2 = (stopAt - begin) / 1000.0;
            System.out.printf(Locale.ROOT, "load average now %.1f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "latency at %d events/s offered (%d sent in %.0f s, first %d s not measured,"
                    + " %s stream thread(s)):%n", rate, sent, seconds2, warmupMs / 1000,
                    settings.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
            report("raw append -> classified record", classifiedLatency, stopAt);
            report("raw append -> stats update", statsLatency, stopAt);
        }
    }

    /**
     * Sends one event to each raw partition and waits for its classified record: a new application reports
     * RUNNING while its tasks may still be opening their stores, and the events of those first seconds would
     * otherwise queue up and be measured as latency of the topology.
     */
    private static void awaitEveryTaskServing(KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, ClassifiedEvent> classified) throws Exception {
        var serializer = Topics.LOGS_RAW.valueSerde().serializer();
        java.util.Set<String> waiting = new java.util.HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String task = "probe" + p;
            LogEvent e = new LogEvent("probe", "prod", "/ecs/probe", "ecs/probe/" + task, task, "probe", "probe-" + p,
                    System.currentTimeMillis(), 0, "ERROR probe " + p, "bench");
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW.name(), p, e.streamKey(), serializer.serialize("", e)));
            waiting.add(e.eventId());
        }
        producer.flush();
        waitFor(() -> {
            for (ConsumerRecord<String, ClassifiedEvent> r : classified.poll(Duration.ofMillis(100))) {
                waiting.remove(r.value().eventId());
            }
            return waiting.isEmpty();
        }, 120_000);
    }

    private static void drain(KafkaConsumer<String, ClassifiedEvent> classified, KafkaConsumer<String, ServiceStats> stats,
            long measureFrom, List<long[]> classifiedLatency, List<long[]> statsLatency) {
        for (ConsumerRecord<String, ClassifiedEvent> r : classified.poll(Duration.ZERO)) {
            long now = System.currentTimeMillis();
            if (r.value().timestamp() >= measureFrom) {
                classifiedLatency.add(new long[] {r.value().timestamp(), now - r.value().timestamp()});
            }
        }
        for (ConsumerRecord<String, ServiceStats> r : stats.poll(Duration.ZERO)) {
            long now = System.currentTimeMillis();
            if (r.value().lastUpdated() >= measureFrom) {
                statsLatency.add(new long[] {r.value().lastUpdated(), now - r.value().lastUpdated()});
            }
        }
    }

    private static void report(String what, List<long[]> samples, long stopAt) {
        long[] l = samples.stream().filter(s -> s[0] < stopAt).mapToLong(s -> s[1]).sorted().toArray();
        if (l.length == 0) {
            System.out.printf(Locale.ROOT, "  %-34s no samples%n", what);
            return;
        }
        System.out.printf(Locale.ROOT, "  %-34s p50 %d ms, p99 %d ms, max %d ms (%d samples)%n", what,
                l[l.length / 2], p99(l), l[l.length - 1], l.length);
        // p99 by 5 s of event time: a backlog that drains shows falling figures, a load over capacity rising ones
        long first = samples.stream().mapToLong(s -> s[0]).min().orElse(0);
        StringBuilder slices = new StringBuilder();
        for (long from = first; from < stopAt; from += 5_000) {
            long lo = from;
            long[] slice = samples.stream().filter(s -> s[0] >= lo && s[0] < Math.min(lo + 5_000, stopAt))
                    .mapToLong(s -> s[1]).sorted().toArray();
            slices.append(slices.length() == 0 ? "" : ", ").append(slice.length == 0 ? "-" : Long.toString(p99(slice)));
        }
        System.out.printf(Locale.ROOT, "  %-34s p99 by 5 s: %s ms%n", "", slices);
    }

    private static long p99(long[] sorted) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
    }

    private static Map<String, Object> latestConfig(KafkaCluster kafka) {
        Map<String, Object> c = kafka.consumerConfig(KafkaCluster.uniqueName("bench-latency-reader"));
        c.put("auto.offset.reset", "latest");
        return c;
    }

    private static Map<String, Object> settings(KafkaCluster kafka, String app, String guarantee, long commitMs,
            Path stateDir) {
        Map<String, Object> s = new HashMap<>();
        s.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        s.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        s.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(app).toString());
        s.put(ClassifierStreamsConfig.TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        s.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        s.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitMs));
        return s;
    }

    private static void createTopics(KafkaCluster kafka) {
        for (var t : List.of(Topics.LOGS_RAW, Topics.LOGS_CLASSIFIED, Topics.STATS, Topics.RESTARTS, Topics.DLQ)) {
            kafka.createTopic(t.name(), t == Topics.DLQ ? 1 : PARTITIONS, 1);
        }
    }

    /** The corpus mix over 6 services × 10 tasks, multi-line messages one line per event. */
    static List<LogEvent> traffic(List<String> corpus, int n, long t0) {
        Random random = new Random(42);
        List<LogEvent> out = new ArrayList<>(n);
        long ts = t0;
        while (out.size() < n) {
            for (LogEvent e : lines(corpus, random, out.size(), ts)) {
                if (out.size() < n) {
                    out.add(e);
                    ts++;
                }
            }
        }
        return out;
    }

    private static List<LogEvent> lines(List<String> corpus, Random random, long id, long ts) {
        String[] services = {"api", "orders", "billing", "search", "auth", "worker"};
        String service = services[random.nextInt(services.length)];
        String task = "task" + random.nextInt(10) + "-" + service;
        String[] lines = corpus.get(random.nextInt(corpus.size())).split("\n", -1);
        List<LogEvent> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            out.add(new LogEvent(service, "prod", "/ecs/" + service, "ecs/" + service + "/" + task, task, service,
                    "e" + id + "-" + i, ts + i, ts + i, lines[i], "bench"));
        }
        return out;
    }

    /** One single-line event at {@code now} (multi-line corpus messages contribute their first line). */
    private static LogEvent event(List<String> corpus, Random random, long id, long now) {
        return lines(corpus, random, id, now).get(0);
    }

    private static long expectedEvents(List<LogEvent> traffic) {
        long[] n = {0};
        Stitcher<String> s = new Stitcher<>(new StitchConfig(QUIET_FOR_THROUGHPUT, StitchConfig.MAX_LINES_DEFAULT,
                StitchConfig.MAX_BYTES_DEFAULT), e -> n[0]++);
        traffic.forEach(e -> s.accept(e.streamKey(), e.timestamp(), e.message()));
        s.flushAll();
        return n[0];
    }

    private static void preload(KafkaCluster kafka, String topic, List<LogEvent> events) {
        var serializer = Topics.LOGS_RAW.valueSerde().serializer();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (LogEvent e : events) {
                producer.send(new ProducerRecord<>(topic, e.streamKey(), serializer.serialize(topic, e)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaCluster kafka) {
        Map<String, Object> c = kafka.producerConfig();
        c.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
    }

    /** Commits, for the consumer group of a new application, the topic's current end as its starting point. */
    private static void startAtEnd(KafkaCluster kafka, String group, String topic) throws Exception {
        try (Admin admin = kafka.newAdminClient()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, o) -> start.put(tp, new OffsetAndMetadata(o.offset())));
            admin.alterConsumerGroupOffsets(group, start).all().get();
        }
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    interface Check {
        boolean done() throws Exception;
    }

    private static void waitFor(Check check, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!check.done()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("benchmark step did not finish within " + timeoutMs + " ms");
            }
            Thread.sleep(20);
        }
    }
}
