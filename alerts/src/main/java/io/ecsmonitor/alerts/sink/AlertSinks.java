package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.alerts.sink.AlertSink.DeliveryException;
import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Silence;
import io.ecsmonitor.core.serde.JsonSerde;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Delivers the alerts of {@code ecs-monitor.alerts} to every configured sink, as one member of a
 * consumer group. Each alert is tried on each sink with retries and exponential backoff; an alert a
 * sink still cannot take goes to the alerts dead-letter topic with that sink as the stage and the last
 * error as the reason. The offset of an alert is committed only after every sink delivered it or it was
 * dead-lettered (acknowledged by the brokers), so no alert is lost: after a crash, undelivered alerts
 * are delivered again (at least once).
 *
 * <p>Silences ({@link Silences}, the compacted silences topic) hold back the alerts of the services they
 * match from the sinks that notify people; the files still record them. A silenced alert is logged and
 * counted per sink, and committed like a delivered one.
 *
 * <p>Alert storms: when {@code sinks.storm.threshold} alerts went to the sinks that take digests (Slack, SNS)
 * within {@code sinks.storm.window.ms}, the next alerts of the window are collected and sent to them as one
 * digest when the window ends (the other sinks still get each alert at once). The digest's offsets are
 * committed only once it was delivered (or dead-lettered), so a crash meanwhile delivers them again.
 *
 * <pre>{@code
 * try (AlertSinks sinks = AlertSinks.create(config, AwsSettings.defaults())) {
 *     Thread t = new Thread(sinks);  t.start();   // ... sinks.close() stops it
 * }
 * }</pre>
 */
public final class AlertSinks implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSinks.class);
    private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);

    private final SinksConfig config;
    private final List<AlertSink> sinks;
    /** True when storms are digested: a threshold is set and some sink takes digests. */
    private final boolean stormDigests;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> silenced = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> digests = new ConcurrentHashMap<>();
    /** When alerts last went to the digesting sinks one by one (or in a digest), within the storm window. */
    private final java.util.ArrayDeque<Long> notifiedAt = new java.util.ArrayDeque<>();
    /** The alerts of the storm digest being collected, with their records; empty when there is no storm. */
    private final List<Alert> digest = new ArrayList<>();
    private final List<ConsumerRecord<byte[], byte[]>> digestRecords = new ArrayList<>();
    private long digestStartedAt;
    /** Offsets not committed while a digest is pending (committing later ones would commit its records too). */
    private final Map<TopicPartition, OffsetAndMetadata> held = new HashMap<>();
    private final Map<String, Object> silencesClient;
    private volatile Silences silences;
    private final AtomicLong read = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Sinks over {@code sinks}, with Kafka clients from {@code config} plus {@code clientOverrides}
     * (security settings and the like).
     */
    public AlertSinks(SinksConfig config, List<AlertSink> sinks, Map<String, Object> clientOverrides) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("no sink to deliver to");
        }
        this.config = config;
        this.sinks = List.copyOf(sinks);
        this.stormDigests = config.stormThreshold > 0 && this.sinks.stream().anyMatch(AlertSink::digests);
        Map<String, Object> c = new HashMap<>(clientOverrides);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        c.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ecs-monitor-sinks");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> s = new HashMap<>(clientOverrides);
        s.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        this.silencesClient = s;
        Map<String, Object> p = new HashMap<>(clientOverrides);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ecs-monitor-sinks-dlq");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The sinks {@code config} asks for; SNS through {@link AwsClients} with {@code aws}. */
    public static List<AlertSink> sinksFrom(SinksConfig config, AwsSettings aws) {
        List<AlertSink> out = new ArrayList<>();
        config.outDir.ifPresent(dir -> out.add(new FileSink(dir)));
        if (config.webhookUrl.isPresent() || config.slackUrl.isPresent()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            config.webhookUrl.ifPresent(u -> out.add(new WebhookSink(u, http, config.httpTimeout)));
            config.slackUrl.ifPresent(u -> out.add(new SlackSink(u, http, config.httpTimeout)));
        }
        if (config.snsTopicArn.isPresent()) {
            // Publish must go to the topic's own region, whatever region the rest of the run uses.
            AwsSettings settings = aws.withRegion(config.snsRegion().orElse(null));
            if (config.awsEndpoint.isPresent()) {
                settings = settings.withEndpoint(config.awsEndpoint.get());
            }
            out.add(new SnsSink(AwsClients.sync(SnsClient.builder(), settings), config.snsTopicArn.get()));
        }
        return out;
    }

    /** Sinks as {@code config} says, with default client settings. */
    public static AlertSinks create(SinksConfig config, AwsSettings aws) {
        return new AlertSinks(config, sinksFrom(config, aws), Map.of());
    }

    /** The names of the sinks, in delivery order. */
    public List<String> sinkNames() {
        return sinks.stream().map(AlertSink::name).toList();
    }

    /** Alerts read so far. */
    public long read() {
        return read.get();
    }

    /** Alerts delivered so far per sink. */
    public Map<String, Long> delivered() {
        return snapshot(delivered);
    }

    /** Alerts dead-lettered so far per sink ({@code deserialize} for records that are not alerts). */
    public Map<String, Long> deadLettered() {
        return snapshot(deadLettered);
    }

    /** The silences being followed; null before {@link #run()} started them. */
    Silences silences() {
        return silences;
    }

    /** Storm digests delivered so far per sink. */
    public Map<String, Long> digests() {
        return snapshot(digests);
    }

    /** Alerts held back by a silence so far per sink. */
    public Map<String, Long> silenced() {
        return snapshot(silenced);
    }

    /** Polls and delivers until {@link #close()}. */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the alert sinks run once");
        }
        LOG.info("alert sinks starting topic={} group={} sinks={} dlq={} attempts={} backoffMs={}", config.alertsTopic,
                config.groupId, sinkNames(), config.dlqTopic, config.retryAttempts, config.retryBackoff.toMillis());
        try {
            silences = Silences.start(config.silencesTopic, silencesClient, Duration.ofSeconds(30));
            consumer.subscribe(List.of(config.alertsTopic), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    // The next owner would read the digest's records again: send it now, while they are ours.
                    flushDigest(true);
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                }
            });
            while (stop.getCount() > 0) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (!handle(r)) {
                        return;
                    }
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    OffsetAndMetadata next = new OffsetAndMetadata(r.offset() + 1);
                    if (digest.isEmpty() && held.isEmpty()) {
                        consumer.commitSync(Map.of(tp, next));
                    } else {
                        held.put(tp, next);
                    }
                }
                flushDigest(false);
            }
        } catch (WakeupException e) {
            if (stop.getCount() > 0) {
                throw e;
            }
        } finally {
            try {
                flushDigest(true);
            } catch (RuntimeException e) {
                LOG.warn("cannot send the pending storm digest while stopping; its alerts will be read again", e);
            }
            if (silences != null) {
                silences.close();
            }
            consumer.close();
            producer.close(Duration.ofSeconds(10));
            for (AlertSink s : sinks) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    LOG.warn("cannot close sink={}", s.name(), e);
                }
            }
            LOG.info("alert sinks stopped read={} delivered={} deadLettered={} silenced={} digests={}", read.get(), delivered(),
                    deadLettered(), silenced(), digests());
            stopped.countDown();
        }
    }

    /** Delivers one record to every sink; false when stopping interrupted it (not committed, delivered again later). */
    private boolean handle(ConsumerRecord<byte[], byte[]> r) {
        read.incrementAndGet();
        Alert alert;
        try {
            alert = ALERT.deserializer().deserialize(r.topic(), r.value());
            if (alert == null || alert.diagnosis() == null || alert.service() == null || alert.status() == null) {
                throw new SerializationException("not an alert: service, status and diagnosis are required");
            }
        } catch (SerializationException e) {
            deadLetter(r, "deserialize", e.getMessage());
            return true;
        }
        long now = System.currentTimeMillis();
        Silence silence = silences == null ? null : silences.silencing(alert.service(), now).orElse(null);
        boolean toDigest = silence == null && inStorm(now);
        if (toDigest) {
            if (digest.isEmpty()) {
                digestStartedAt = now;
                LOG.warn("alert storm: {} alerts to people within {} s; collecting a digest for {} s", notifiedAt.size(),
                        config.stormWindow.toSeconds(), config.stormWindow.toSeconds());
            }
            digest.add(alert);
            digestRecords.add(r);
        } else if (silence == null && stormDigests) {
            notifiedAt.addLast(now);
        }
        for (AlertSink sink : sinks) {
            if (toDigest && sink.digests()) {
                continue;
            }
            if (silence != null && sink.notifiesPeople()) {
                long n = silenced.computeIfAbsent(sink.name(), k -> new AtomicLong()).incrementAndGet();
                LOG.info("silenced sink={} service={} kind={} incident={} silence={} until={} reason={} silenced={}", sink.name(),
                        alert.service(), alert.kind(), alert.incidentId(), silence.id(), java.time.Instant.ofEpochMilli(silence.endsAt()),
                        silence.reason(), n);
                continue;
            }
            DeliveryException failure;
            try {
                failure = deliverWithRetries(sink, alert);
            } catch (InterruptedException e) {
                LOG.info("stopping during retries of sink={} incident={}: the alert will be delivered again", sink.name(),
                        alert.incidentId());
                return false;
            }
            if (failure == null) {
                delivered.computeIfAbsent(sink.name(), k -> new AtomicLong()).incrementAndGet();
                LOG.debug("delivered sink={} service={} kind={} incident={}", sink.name(), alert.service(), alert.kind(),
                        alert.incidentId());
            } else {
                deadLetter(r, "deliver:" + sink.name(), failure.getMessage());
            }
        }
        return true;
    }

    /** True when a digest is being collected, or enough alerts went to people within the window to start one. */
    private boolean inStorm(long now) {
        if (!stormDigests) {
            return false;
        }
        while (!notifiedAt.isEmpty() && notifiedAt.peekFirst() <= now - config.stormWindow.toMillis()) {
            notifiedAt.removeFirst();
        }
        return !digest.isEmpty() || notifiedAt.size() >= config.stormThreshold;
    }

    /**
     * Sends the pending digest to every digesting sink once its window is over (or now, with {@code force}), then
     * commits the offsets held back meanwhile. A sink that still refuses it gets each of its alerts dead-lettered.
     */
    private void flushDigest(boolean force) {
        long now = System.currentTimeMillis();
        if (!digest.isEmpty() && (force || now - digestStartedAt >= config.stormWindow.toMillis())) {
            List<Alert> alerts = List.copyOf(digest);
            Duration window = Duration.ofMillis(Math.max(config.stormWindow.toMillis(), now - digestStartedAt));
            for (AlertSink sink : sinks) {
                if (!sink.digests()) {
                    continue;
                }
                DeliveryException failure;
                try {
                    failure = deliverWithRetries(sink, "digest of " + alerts.size() + " alerts", () -> sink.deliverDigest(alerts, window));
                } catch (InterruptedException e) {
                    // Stopping: nothing of the digest is committed, so it is read (and sent) again after a restart.
                    LOG.info("stopping before the storm digest of {} alerts reached sink={}; its alerts will be read again",
                            alerts.size(), sink.name());
                    digest.clear();
                    digestRecords.clear();
                    held.clear();
                    return;
                }
                if (failure == null) {
                    digests.computeIfAbsent(sink.name(), k -> new AtomicLong()).incrementAndGet();
                    delivered.computeIfAbsent(sink.name(), k -> new AtomicLong()).addAndGet(alerts.size());
                    LOG.info("storm digest delivered sink={} alerts={} services={}", sink.name(), alerts.size(),
                            alerts.stream().map(Alert::service).distinct().count());
                } else {
                    for (ConsumerRecord<byte[], byte[]> r : digestRecords) {
                        deadLetter(r, "deliver:" + sink.name(), "in a storm digest: " + failure.getMessage());
                    }
                }
            }
            // The digest's alerts count as sent to people: a storm that goes on starts the next digest at once.
            for (int i = 0; i < Math.min(alerts.size(), config.stormThreshold); i++) {
                notifiedAt.addLast(now);
            }
            digest.clear();
            digestRecords.clear();
        }
        if (digest.isEmpty() && !held.isEmpty()) {
            try {
                consumer.commitSync(Map.copyOf(held));
            } catch (org.apache.kafka.common.KafkaException e) {
                LOG.warn("cannot commit the offsets held during a storm digest ({}); those alerts may be delivered again", e.toString());
            }
            held.clear();
        }
    }

    /** One delivery, retried as {@link #deliverWithRetries(AlertSink, Alert)} does. */
    private interface Delivery {
        void run() throws DeliveryException;
    }

    private DeliveryException deliverWithRetries(AlertSink sink, Alert alert) throws InterruptedException {
        return deliverWithRetries(sink, "incident " + alert.incidentId(), () -> sink.deliver(alert));
    }

    private DeliveryException deliverWithRetries(AlertSink sink, String what, Delivery delivery) throws InterruptedException {
        long backoff = config.retryBackoff.toMillis();
        DeliveryException last = null;
        for (int attempt = 1; attempt <= config.retryAttempts; attempt++) {
            try {
                delivery.run();
                return null;
            } catch (DeliveryException e) {
                last = e;
            } catch (RuntimeException e) {
                last = new DeliveryException(e.toString(), true, e);
            }
            LOG.warn("delivery failed sink={} what={} attempt={}/{} retryable={} error={}", sink.name(), what,
                    attempt, config.retryAttempts, last.retryable(), last.getMessage());
            if (!last.retryable() || attempt == config.retryAttempts) {
                break;
            }
            if (stop.await(backoff, TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("stopping");
            }
            backoff = Math.min(config.retryBackoffMax.toMillis(), Math.max(1, backoff * 2));
        }
        return last;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, String stage, String reason) {
        Headers headers = DeadLetter.fromKafka(stage, reason, r.topic(), r.partition(), r.offset(), System.currentTimeMillis());
        try {
            producer.send(new ProducerRecord<>(config.dlqTopic, null, r.timestamp(), r.key(), r.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + r.topic() + "/" + r.partition() + "@" + r.offset(), e);
        } catch (ExecutionException e) {
            // Not committed: the alert is read again after a restart rather than lost.
            throw new IllegalStateException("cannot write to the dead-letter topic " + config.dlqTopic + ": " + e.getCause(), e);
        }
        String counter = stage.startsWith("deliver:") ? stage.substring("deliver:".length()) : stage;
        long n = deadLettered.computeIfAbsent(counter, k -> new AtomicLong()).incrementAndGet();
        LOG.warn("dead-lettered alert topic={} partition={} offset={} stage={} reason={} count={}", r.topic(), r.partition(),
                r.offset(), stage, reason, n);
    }

    /** Stops {@link #run()} and waits up to 30 s for it to close its clients. */
    @Override
    public void close() {
        stop.countDown();
        if (started.compareAndSet(false, true)) {
            consumer.close();
            producer.close(Duration.ofSeconds(10));
            sinks.forEach(AlertSink::close);
            return;
        }
        consumer.wakeup();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> m) {
        Map<String, Long> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return Map.copyOf(out);
    }
}
