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
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        if (committed.isEmpty()) {
            return -1;
        }
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        committed.keySet().forEach(tp -> spec.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(spec).all().get(5, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            if (e.getValue() != null && latest.containsKey(e.getKey())) {
                lag += Math.max(0, latest.get(e.getKey()).offset() - e.getValue().offset());
            }
        }
        return lag;
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
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
                committed.keySet().forEach(tp -> latestSpec.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
                        admin.listOffsets(latestSpec).all().get(5, TimeUnit.SECONDS);
                Map<String, Long> byTopic = new HashMap<>();
                committed.forEach((tp, om) -> {
                    if (om != null && latest.containsKey(tp)) {
                        byTopic.merge(tp.topic(), Math.max(0, latest.get(tp).offset() - om.offset()), Long::sum);
                    }
                });
                byTopic.forEach((topic, lag) -> out.add(new MetricSample("ecs_monitor_consumer_lag", "gauge",
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
