package io.ecsmonitor.probe;

import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.topic.TopicCreator;
import io.ecsmonitor.core.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link HealthProbe} every {@code probe.interval.ms} and produces each report to the
 * compacted health topic, key: service (or {@link HealthReport#ENDPOINTS_KEY}). It keeps the previous
 * reports so failed-task counts are deltas between probes. A probe that fails unexpectedly is logged
 * and the schedule goes on.
 */
public final class Prober implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

    private final ProbeConfig config;
    private final HealthProbe probe;
    private final Producer<String, HealthReport> producer;
    private final ScheduledExecutorService scheduler;
    private final Map<String, HealthReport> previous = new HashMap<>();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile long maxRounds;
    private volatile boolean closing;

    /** A prober producing with {@code producer}; it owns and closes both. */
    public Prober(ProbeConfig config, HealthProbe probe, Producer<String, HealthReport> producer) {
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
        return new Prober(config, HealthProbe.create(config), producer);
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
        producer.flush();
        probes.incrementAndGet();
        Map<HealthReport.HealthStatus, Long> byStatus = new java.util.EnumMap<>(HealthReport.HealthStatus.class);
        reports.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        LOG.info("probe produced cluster={} topic={} reports={} byStatus={}", config.cluster(), config.topic(), reports.size(), byStatus);
        reports.stream().filter(r -> r.status() == HealthReport.HealthStatus.UNKNOWN).forEach(r ->
                LOG.warn("service={} unknown: {}", r.service(), r.summary()));
        return reports;
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
