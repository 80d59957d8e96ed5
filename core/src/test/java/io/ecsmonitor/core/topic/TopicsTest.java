package io.ecsmonitor.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.ServiceStats;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldNameEveryTopicUniquelyUnderTheProjectPrefix() {
        assertThat(new HashSet<>(Topics.ALL.stream().map(Topic::name).toList())).hasSize(Topics.ALL.size());
        assertThat(Topics.ALL).allSatisfy(t -> assertThat(t.name()).startsWith("ecs-monitor."));
    }

    @Test
    void shouldCompactTablesAndBoundRetentionOfStreams() {
        NewTopic health = Topics.HEALTH.newTopic((short) 1);
        assertThat(health.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        NewTopic raw = Topics.LOGS_RAW.newTopic(12, (short) 3, Optional.of(3_600_000L));
        assertThat(raw.numPartitions()).isEqualTo(12);
        assertThat(raw.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "3600000");
    }

    @Test
    void shouldRoundTripARawEventThroughItsSerde() {
        LogEvent e = new LogEvent("api", "prod", "/ecs/api", "ecs/api/abc", "abc", "api", "123", 1000L, 1001L,
                "ERROR boom", "poll");
        byte[] bytes = Topics.LOGS_RAW.valueSerde().serializer().serialize("t", e);
        assertThat(Topics.LOGS_RAW.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(e);
        assertThat(e.streamKey()).isEqualTo("/ecs/api/ecs/api/abc");
        assertThat(e.missingRequiredField()).isNull();
        assertThat(new LogEvent("api", null, "/ecs/api", "s", null, null, null, 1, 0, "m", null).missingRequiredField())
                .isEqualTo("eventId");
    }

    @Test
    void shouldWriteCategoriesByTheirWireNamesInStats() {
        ServiceStats s = new ServiceStats("api", 0, 60_000, 10, 2, Map.of(Category.OOM, 2L), Map.of("5xx", 1L), 3,
                Map.of("2xx", 3L), List.of(new ServiceStats.FingerprintCount("00ff", Category.OOM, 2, "OOM")), 59_000);
        byte[] bytes = Topics.STATS.valueSerde().serializer().serialize("t", s);
        assertThat(new String(bytes)).contains("\"oom\":2").contains("\"category\":\"oom\"");
        assertThat(Topics.STATS.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(s);
    }
}
