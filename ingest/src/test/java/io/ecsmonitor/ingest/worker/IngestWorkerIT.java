package io.ecsmonitor.ingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsmonitor.awsfakes.CloudWatchLogsFake;
import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConfig;
import io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConnector;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Two ingest workers in this JVM with one group id form one Connect cluster on a real broker: they
 * create the polling connector from ecs-monitor's settings (services discovered through ECS), share its
 * tasks, and when one stops the other takes its tasks over; every event arrives exactly once.
 */
@WithKafka
class IngestWorkerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldShareTasksBetweenTwoWorkersAndTakeOverWhenOneStops(KafkaCluster kafka) throws Exception {
        String topic = KafkaCluster.uniqueName("raw");
        String dlq = KafkaCluster.uniqueName("dlq");
        try (FakeAws aws = FakeAws.start()) {
            CloudWatchLogsFake logs = new CloudWatchLogsFake();
            EcsFake ecs = new EcsFake().maxPageSize(2);
            aws.register(logs).register(ecs);
            for (String s : List.of("api", "web", "worker", "billing")) {
                ecs.cluster("prod").service(s);
                logs.createLogGroup("/ecs/" + s);
            }
            Set<String> expected = new HashSet<>(putEvents(logs, 0));

            Map<String, String> props = new HashMap<>();
            props.put(IngestWorkerConfig.BOOTSTRAP_CONFIG, kafka.bootstrapServers());
            props.put(IngestWorkerConfig.GROUP_ID_CONFIG, KafkaCluster.uniqueName("ingest"));
            props.put(IngestWorkerConfig.REST_PORT_CONFIG, "0");
            props.put(IngestWorkerConfig.REST_BIND_CONFIG, "localhost");
            props.put(IngestWorkerConfig.REST_HOST_CONFIG, "localhost");
            props.put(IngestWorkerConfig.REBALANCE_DELAY_CONFIG, "2000");
            props.put(IngestWorkerConfig.REPLICATION_CONFIG, "1");
            props.put(IngestWorkerConfig.TASKS_MAX_CONFIG, "2");
            props.put(CommonConfig.CLUSTER_CONFIG, "prod");
            props.put(CommonConfig.AWS_REGION_CONFIG, "us-east-1");
            props.put(CommonConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString());
            props.put(IngestWorkerConfig.CONNECTOR_PREFIX + CommonConfig.TOPIC_CONFIG, topic);
            props.put(IngestWorkerConfig.CONNECTOR_PREFIX + CommonConfig.DLQ_TOPIC_CONFIG, dlq);
            props.put(IngestWorkerConfig.CONNECTOR_PREFIX + CloudWatchLogsSourceConfig.POLL_INTERVAL_CONFIG, "300");
            props.put(IngestWorkerConfig.CONNECTOR_PREFIX + CloudWatchLogsSourceConfig.BUDGET_CONFIG, "10");
            props.put(IngestWorkerConfig.WORKER_PREFIX + "offset.flush.interval.ms", "500");
            IngestWorkerConfig config = new IngestWorkerConfig(props);
            assertThat(config.kinesis()).isFalse();
            assertThat(config.connectorConfig()).containsEntry("connector.class", CloudWatchLogsSourceConnector.class.getName());

            IngestWorker first = IngestWorker.start(config);
            IngestWorker second = IngestWorker.start(config);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("check")),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                List<LogEvent> seen = new ArrayList<>();
                first.awaitConnectorApplied(Duration.ofSeconds(60));
                second.awaitConnectorApplied(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                    JsonNode status = JSON.readTree(first.get("/connectors/" + first.connectorName() + "/status"));
                    Set<String> workers = new HashSet<>();
                    status.path("tasks").forEach(t -> {
                        assertThat(t.path("state").asText()).isEqualTo("RUNNING");
                        workers.add(t.path("worker_id").asText());
                    });
                    assertThat(status.path("tasks")).hasSize(2);
                    assertThat(workers).hasSize(2);
                });
                awaitEvents(consumer, seen, expected);

                first.close();
                expected.addAll(putEvents(logs, 100));
                String survivor = second.restUrl().getHost() + ":" + second.restUrl().getPort();
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                    JsonNode status = JSON.readTree(second.get("/connectors/" + second.connectorName() + "/status"));
                    assertThat(status.path("tasks")).hasSize(2);
                    status.path("tasks").forEach(t -> {
                        assertThat(t.path("state").asText()).isEqualTo("RUNNING");
                        assertThat(t.path("worker_id").asText()).isEqualTo(survivor);
                    });
                });
                awaitEvents(consumer, seen, expected);
                List<String> ids = seen.stream().map(LogEvent::eventId).toList();
                assertThat(ids).doesNotHaveDuplicates();
                assertThat(new HashSet<>(ids)).isEqualTo(expected);
            } finally {
                second.close();
            }
        }
    }

    private static List<String> putEvents(CloudWatchLogsFake logs, int from) {
        List<String> ids = new ArrayList<>();
        long t = System.currentTimeMillis() - 60_000;
        for (String s : List.of("api", "web", "worker", "billing")) {
            for (int i = from; i < from + 5; i++) {
                ids.add(logs.putEvent("/ecs/" + s, "ecs/" + s + "/" + String.format("%032x", i % 2), t + i, s + " line " + i));
            }
        }
        return ids;
    }

    private static void awaitEvents(KafkaConsumer<String, byte[]> consumer, List<LogEvent> seen, Set<String> expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r ->
                    seen.add(Topics.LOGS_RAW.valueSerde().deserializer().deserialize(r.topic(), r.value())));
            return seen.stream().map(LogEvent::eventId).collect(java.util.stream.Collectors.toSet()).containsAll(expected);
        });
    }
}
