package io.ecsmonitor.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.Diagnosis;
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

    @Test
    void shouldRoundTripAnAlertWithItsDiagnosis() {
        Diagnosis d = new Diagnosis("api", "prod", 1000, Diagnosis.Status.CRITICAL, "OOM crash loop",
                "api: OOM crash loop — 3 restarts in 10 min after OutOfMemoryError",
                List.of(new Diagnosis.Cause("crash_loop", Diagnosis.Status.CRITICAL, "OOM crash loop", "3 restarts in 10 min",
                        List.of("restart at 10:11 UTC"))),
                List.of(new Diagnosis.WindowCounts(5, 10, 2, Map.of(Category.OOM, 2L), 0, 0, 1)),
                List.of(new ServiceStats.FingerprintCount("00ff", Category.OOM, 2, "OOM")), List.of(),
                new Diagnosis.DeploymentCorrelation("ecs-svc/1", "api:42", "PRIMARY", "FAILED", 500, 700, "api:41"),
                List.of("Raise the memory limit"), List.of(new Diagnosis.Link("ECS service", "https://example.com")));
        Alert a = new Alert("api-20261122T100000Z", "api", "prod", Alert.Kind.OPENED, Diagnosis.Status.CRITICAL,
                Diagnosis.Status.OK, 1000, 1000, 1, d);
        byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize("t", a);
        assertThat(new String(bytes)).contains("\"kind\":\"OPENED\"").contains("\"oom\":2");
        assertThat(Topics.ALERTS.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(a);
        assertThat(Topics.ALL).contains(Topics.ALERTS, Topics.ALERTS_DLQ);
    }
}
