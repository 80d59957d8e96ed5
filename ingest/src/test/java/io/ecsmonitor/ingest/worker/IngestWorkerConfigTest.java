package io.ecsmonitor.ingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.ingest.connect.LogRecords;
import io.ecsmonitor.ingest.kinesis.KinesisLogsSourceConnector;
import io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConnector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestWorkerConfigTest {

    @Test
    void shouldChooseKinesisWhenTheStreamIsSetAndPollingOtherwise() {
        IngestWorkerConfig kinesis = IngestWorkerConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "ECS_KINESIS_STREAM", "ecs-logs", "ECS_REGION", "eu-west-1", "ECS_LOG_PATTERN", "/aws/{service}"));
        assertThat(kinesis.kinesis()).isTrue();
        assertThat(kinesis.connectorConfig()).containsEntry("connector.class", KinesisLogsSourceConnector.class.getName())
                .containsEntry("kinesis.stream", "ecs-logs").containsEntry("aws.region", "eu-west-1")
                .containsEntry("ecs.log.pattern", "/aws/{service}").containsAllEntriesOf(LogRecords.CONVERTERS);

        IngestWorkerConfig poll = IngestWorkerConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "ECS_CLUSTER", "prod", "ECS_SERVICES", "api,web", "ECS_MONITOR_INGEST_PORT", "18083"));
        assertThat(poll.kinesis()).isFalse();
        assertThat(poll.connectorConfig()).containsEntry("connector.class", CloudWatchLogsSourceConnector.class.getName())
                .containsEntry("ecs.cluster", "prod").containsEntry("logs.services", "api,web");
        assertThat(poll.workerProps()).containsEntry("listeners", "http://0.0.0.0:18083")
                .containsEntry("group.id", "ecs-monitor-ingest").containsEntry("offset.storage.topic", "ecs-monitor-ingest.offsets")
                .containsEntry("scheduled.rebalance.max.delay.ms", "10000").containsEntry("exactly.once.source.support", "enabled");
    }

    @Test
    void shouldSayWhichVariableIsMissing() {
        assertThatThrownBy(() -> IngestWorkerConfig.fromEnvironment(Map.of("ECS_CLUSTER", "prod")))
                .hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS is not set");
        assertThatThrownBy(() -> IngestWorkerConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")))
                .hasMessageStartingWith("ECS_CLUSTER is not set");
        assertThatThrownBy(() -> IngestWorkerConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "ECS_CLUSTER", "prod", "ECS_LOG_PATTERN", "/ecs/none"))).hasMessageStartingWith("ECS_LOG_PATTERN");
    }

    @Test
    void shouldPassPrefixedSettingsToTheWorkerAndTheConnector() {
        IngestWorkerConfig c = new IngestWorkerConfig(Map.of("bootstrap.servers", "k:9092", "ecs.cluster", "prod",
                "worker.offset.flush.interval.ms", "750", "connector.logs.overlap.ms", "120000"));
        assertThat(c.workerProps()).containsEntry("offset.flush.interval.ms", "750");
        assertThat(c.connectorConfig()).containsEntry("logs.overlap.ms", "120000");
    }
}
