package io.ecsmonitor.probe;

import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.topic.TopicCreator;
import io.ecsmonitor.core.topic.TopicFromStart;
import io.ecsmonitor.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link HealthProbe} every {@code probe.interval.ms} and produces each report to the
 * compacted health topic, key: service (or {@link HealthReport#ENDPOINTS_KEY}). It keeps the previous
 * reports so failed-task counts are deltas between probes. A probe that fails unexpectedly is logged
 * and the schedule goes on.
 *
 * <p>A service that is gone from the cluster (deleted, or no longer listed) gets a tombstone, so its last
 * report does not stay on the compacted topic for ever and the diagnosis forgets it; so does a
 * {@link HealthReport#CLUSTER_KEY} report once the services can be listed again. Nothing is deleted in a
 * round whose listing failed. The keys of this cluster already on the topic are read at start, so a
 * service deleted while the prober was down is tombstoned by its first round.
 */
public final class Prober implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

    private final ProbeConfig config;
    private final HealthProbe probe;
    private final Producer<String, HealthReport> producer;
    private final ScheduledExecutorService scheduler;
    private final Map<String, HealthReport> previous = new HashMap<>();
    private final Set<String> known = new HashSet<>();
    private final AtomicLong tombstones = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile long maxRounds;
    private volatile boolean closing;

    /** A prober producing with {@code producer}; it owns and closes both. */
    public Prober(ProbeConfig config, HealthProbe probe, Producer<String, HealthReport> producer) {
        this(config, probe, producer, Set.of());
    }

    /**
     * Like {@link #Prober(ProbeConfig, HealthProbe, Producer)}, knowing the keys that already have a report of
     * this cluster on the topic (those of them the first round does not report are tombstoned).
     */
    public Prober(ProbeConfig config, HealthProbe probe, Producer<String, HealthReport> producer, Set<String> knownKeys) {
        this.known.addAll(knownKeys);
        this.config = config;
        this.probe = probe;
        this.producer = producer;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health-prober");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A prober from {@code config}: AWS clients through the one factory, a producer to
     * {@code bootstrap.servers} (idempotent, acks=all), and the topic created when missing and allowed.
     *
     * @throws IllegalArgumentException when {@code bootstrap.servers} is empty
     */
    public static Prober create(ProbeConfig config) {
        if (config.bootstrapServers().isEmpty()) {
            throw new IllegalArgumentException(ProbeConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " is empty; set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers to your brokers, like localhost:9092");
        }
        String servers = String.join(",", config.bootstrapServers());
        if (config.createTopic()) {
            ensureTopic(servers, config.topic());
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ecs-monitor-prober-" + config.cluster());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        KafkaProducer<String, HealthReport> producer = new KafkaProducer<>(props, Topics.HEALTH.keySerde().serializer(),
                Topics.HEALTH.valueSerde().serializer());
        return new Prober(config, HealthProbe.create(config), producer, keysOnTopic(servers, config.topic(), config.cluster(),
                Duration.ofSeconds(15)));
    }

    /**
     * The keys whose latest record on {@code topic} is a report of {@code cluster}: read from the start to the
     * end offsets once. Best effort: on a failure or timeout, what was read so far (a prober without them only
     * misses the tombstones of services deleted while it was down).
     */
    static Set<String> keysOnTopic(String servers, String topic, String cluster, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecs-monitor-prober-keys-" + cluster);
        Map<String, Boolean> latest = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, HealthReport> consumer = new KafkaConsumer<>(props, Topics.HEALTH.keySerde().deserializer(),
                Topics.HEALTH.valueSerde().deserializer())) {
            Map<TopicPartition, Long> end = TopicFromStart.assign(consumer, topic, timeout);
            while (!TopicFromStart.reached(consumer, end, timeout)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("reading the keys of topic={} took over {} ms; tombstones of services deleted while the prober was "
                            + "down may be missing", topic, timeout.toMillis());
                    break;
                }
                for (ConsumerRecord<String, HealthReport> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        latest.put(r.key(), r.value() != null && cluster.equals(r.value().cluster()));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot read the keys of topic={}; tombstones of services deleted while the prober was down may be missing",
                    topic, e);
        }
        Set<String> keys = new HashSet<>();
        latest.forEach((k, ours) -> {
            if (ours) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Creates {@code topic} as the compacted health topic with the broker's default replication, when it does not exist. */
    static void ensureTopic(String servers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            var nt = Topics.HEALTH.newTopic(Topics.HEALTH.defaultPartitions(), (short) -1, Optional.empty());
            TopicCreator.createMissing(admin, List.of(new NewTopic(topic, nt.numPartitions(), (short) -1).configs(nt.configs())),
                    servers, Duration.ofSeconds(30));
        }
    }

    /** Starts probing now and then every interval (measured between starts; a slow probe delays the next). */
    public void start() {
        start(0);
    }

    /** Like {@link #start()}, but stops scheduling after {@code rounds} probes (0: never). */
    public void start(long rounds) {
        this.maxRounds = rounds;
        LOG.info("prober starting rounds={} config={}", rounds == 0 ? "unlimited" : rounds, config);
        scheduler.scheduleAtFixedRate(this::probeSafely, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeSafely() {
        if (maxRounds > 0 && rounds.get() >= maxRounds || closing) {
            return;
        }
        try {
            probeOnce();
        } catch (RuntimeException e) {
            if (closing) {
                LOG.info("probe interrupted by shutdown");
                return;
            }
            failures.incrementAndGet();
            LOG.error("probe failed; next one in {} ms", config.interval().toMillis(), e);
        } finally {
            synchronized (rounds) {
                rounds.incrementAndGet();
                rounds.notifyAll();
            }
        }
    }

    /**
     * Waits until the schedule has run {@code n} probes (successful or not) since {@link #start()}.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitRounds(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (rounds) {
            while (rounds.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(rounds, left);
            }
        }
        return true;
    }

    /** Probes once, produces every report and waits until they are acknowledged. */
    public synchronized List<HealthReport> probeOnce() {
        List<HealthReport> reports = probe.probe(Map.copyOf(previous));
        for (HealthReport r : reports) {
            producer.send(new ProducerRecord<>(config.topic(), r.service(), r), (md, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                    LOG.error("report not produced service={} topic={}", r.service(), config.topic(), e);
                }
            });
            previous.put(r.service(), r);
        }
        List<String> gone = gone(reports);
        for (String key : gone) {
            producer.send(new ProducerRecord<>(config.topic(), key, null), (md, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                    LOG.error("tombstone not produced service={} topic={}", key, config.topic(), e);
                }
            });
            previous.remove(key);
            known.remove(key);
            tombstones.incrementAndGet();
            LOG.info("service gone from cluster={}: tombstone for key={} on topic={}", config.cluster(), key, config.topic());
        }
        reports.forEach(r -> known.add(r.service()));
        producer.flush();
        probes.incrementAndGet();
        Map<HealthReport.HealthStatus, Long> byStatus = new java.util.EnumMap<>(HealthReport.HealthStatus.class);
        reports.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        LOG.info("probe produced cluster={} topic={} reports={} byStatus={}", config.cluster(), config.topic(), reports.size(), byStatus);
        reports.stream().filter(r -> r.status() == HealthReport.HealthStatus.UNKNOWN).forEach(r ->
                LOG.warn("service={} unknown: {}", r.service(), r.summary()));
        return reports;
    }

    /**
     * The keys reported before (or found on the topic at start) that this round's reports say are gone: none
     * when the services could not be listed; never the endpoints report (a round without it had its checks
     * fail, the endpoints are configuration, not discovered).
     */
    private List<String> gone(List<HealthReport> reports) {
        Set<String> now = new HashSet<>();
        reports.forEach(r -> now.add(r.service()));
        if (now.contains(HealthReport.CLUSTER_KEY)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String key : known) {
            if (!now.contains(key) && !key.equals(HealthReport.ENDPOINTS_KEY)) {
                out.add(key);
            }
        }
        out.sort(null);
        return out;
    }

    /** Tombstones produced for services gone from the cluster. */
    public long tombstones() {
        return tombstones.get();
    }

    /** Probes completed. */
    public long probes() {
        return probes.get();
    }

    /** Probes or sends that failed. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
        probe.close();
        LOG.info("prober stopped probes={} failures={}", probes.get(), failures.get());
    }
}
