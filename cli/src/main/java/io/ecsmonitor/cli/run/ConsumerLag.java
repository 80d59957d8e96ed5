package io.ecsmonitor.cli.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of ecs-monitor's own consumer groups (those whose id starts with the application id),
 * per group and topic, read with the Admin API and kept for a few seconds so scrapes stay cheap.
 */
public final class ConsumerLag {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final Admin admin;
    private final String groupPrefix;
    private List<MetricSample> cached = List.of();
    private long cachedAt;

    public ConsumerLag(Admin admin, String groupPrefix) {
        this.admin = admin;
        this.groupPrefix = groupPrefix;
    }

    /** Records of {@code group} not yet consumed, over every partition it committed; -1 when it committed none. */
    public static long lagOf(Admin admin, String group) throws Exception {
        Map<String, Long> byTopic = lagByTopic(admin, group);
        return byTopic.isEmpty() ? -1 : byTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of {@code group} not yet consumed, per topic it committed offsets on. */
    private static Map<String, Long> lagByTopic(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<String, Long> byTopic = new HashMap<>();
        if (committed.isEmpty()) {
            return byTopic;
        }
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        committed.keySet().forEach(tp -> spec.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(spec).all().get(5, TimeUnit.SECONDS);
        committed.forEach((tp, om) -> {
            if (om != null && latest.containsKey(tp)) {
                byTopic.merge(tp.topic(), Math.max(0, latest.get(tp).offset() - om.offset()), Long::sum);
            }
        });
        return byTopic;
    }

    /** {@code ecs_monitor_consumer_lag{group,topic}} samples. */
    public synchronized List<MetricSample> samples() {
        long now = System.nanoTime();
        if (cachedAt != 0 && now - cachedAt < CACHE.toNanos()) {
            return cached;
        }
        List<MetricSample> out = new ArrayList<>();
        try {
            for (GroupListing g : admin.listGroups().all().get(5, TimeUnit.SECONDS)) {
                if (!g.groupId().startsWith(groupPrefix)) {
                    continue;
                }
                lagByTopic(admin, g.groupId()).forEach((topic, lag) -> out.add(new MetricSample("ecs_monitor_consumer_lag", "gauge",
                        "Records not yet consumed by an ecs-monitor consumer group, per topic",
                        Map.of("group", g.groupId(), "topic", topic), lag)));
            }
        } catch (Exception e) {
            LOG.debug("consumer lag not available: {}", e.toString());
        }
        cached = out;
        cachedAt = now;
        return out;
    }
}
