package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.model.Silence;
import io.ecsmonitor.core.topic.TopicFromStart;
import io.ecsmonitor.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences in force, read whole from the compacted silences topic by every sink instance (not as a
 * consumer group member: each needs all of them) and followed while it runs. {@link #start} returns once
 * the topic has been read to its end, so an alert is never judged against a partial list. A topic that does
 * not exist yet means no silences; it is looked for again until it appears. A record that is not a valid
 * silence is logged and counted, and skipped. When the topic cannot be read (Kafka unreachable), the silences
 * known stay in force and the topic is read again from its start every 5 s until it can be.
 */
public final class Silences implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Silences.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Silence> byId = new ConcurrentHashMap<>();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;

    private Silences(String topic, Map<String, Object> clientSettings) {
        this.topic = topic;
        Map<String, Object> c = new HashMap<>(clientSettings);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecs-monitor-silences");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::follow, "ecs-monitor-silences");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following {@code topic} with a consumer of {@code clientSettings} (bootstrap servers, security),
     * and waits up to {@code timeout} for it to be read to its end.
     */
    public static Silences start(String topic, Map<String, Object> clientSettings, Duration timeout) {
        Silences s = new Silences(topic, clientSettings);
        s.thread.start();
        try {
            if (!s.caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("silences topic={} not read to its end within {} ms; alerts are judged against what was read so far",
                        topic, timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /** The silence in force for {@code service} at {@code epochMs} that ends last, if any. */
    public Optional<Silence> silencing(String service, long epochMs) {
        Silence best = null;
        for (Silence s : byId.values()) {
            if (s.activeAt(epochMs) && s.matches(service) && (best == null || s.endsAt() > best.endsAt())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every silence known, expired ones included, by id. */
    public List<Silence> all() {
        return new ArrayList<>(byId.values());
    }

    /** Records of the topic that were not valid silences. */
    public long invalid() {
        return invalid.get();
    }

    private void follow() {
        try {
            Map<TopicPartition, Long> end = Map.of();
            while (stop.getCount() > 0) {
                try {
                    if (end.isEmpty()) {
                        end = TopicFromStart.assign(consumer, topic, TIMEOUT);
                        if (end.isEmpty()) {
                            caughtUp.countDown(); // no topic, no silences
                            stop.await(5, TimeUnit.SECONDS);
                            continue;
                        }
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                        apply(r);
                    }
                    if (caughtUp.getCount() > 0 && TopicFromStart.reached(consumer, end, TIMEOUT)) {
                        LOG.info("silences read topic={} known={} active={}", topic, byId.size(),
                                byId.values().stream().filter(s -> s.activeAt(System.currentTimeMillis())).count());
                        caughtUp.countDown();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // Kafka unreachable, the topic deleted…: keep what is known, read the topic again from its start.
                    failures.incrementAndGet();
                    LOG.warn("cannot read the silences topic={}; the {} silences known stay in force, retrying in 5 s: {}", topic,
                            byId.size(), e.toString());
                    end = Map.of();
                    stop.await(5, TimeUnit.SECONDS);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            caughtUp.countDown();
            consumer.close();
        }
    }

    /** Times the topic could not be read (each is retried). */
    public long failures() {
        return failures.get();
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            if (r.key() != null) {
                byId.remove(r.key());
            }
            return;
        }
        Silence s;
        try {
            s = Topics.SILENCES.valueSerde().deserializer().deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            s = null;
        }
        if (s == null || !s.isValid() || r.key() == null || !r.key().equals(s.id())) {
            long n = invalid.incrementAndGet();
            LOG.warn("skipped a record that is not a valid silence topic={} partition={} offset={} key={} invalid={}", r.topic(),
                    r.partition(), r.offset(), r.key(), n);
            return;
        }
        byId.put(s.id(), s);
    }

    @Override
    public void close() {
        closed = true;
        stop.countDown();
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
