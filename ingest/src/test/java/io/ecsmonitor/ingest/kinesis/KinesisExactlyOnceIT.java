package io.ecsmonitor.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.ingest.testing.ConnectClusters;
import io.ecsmonitor.ingest.testing.ConnectClusters.TopicReader;
import io.ecsmonitor.ingest.testing.KinesisEvents;
import io.ecsmonitor.ingest.testing.Kinesalite;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The Kinesis connector in Connect's exactly-once source mode (KIP-618): the worker writes records and
 * source offsets in one transaction, the connector declares itself able to ({@code exactly.once.support=required}
 * is accepted), and a task killed and restarted between batches repeats nothing a read_committed consumer sees.
 */
class KinesisExactlyOnceIT {

    @Test
    void shouldDeliverEveryEventExactlyOnceAcrossTaskRestartsInExactlyOnceMode() {
        Kinesalite.assumeRunning();
        Map<String, String> worker = ConnectClusters.fastWorkerProps();
        worker.put("exactly.once.source.support", "enabled");
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("kinesis-eos-it").numWorkers(1)
                .numBrokers(1).brokerProps(broker).workerProps(worker).build();
        connect.start();
        KinesisClient kinesis = Kinesalite.client();
        String stream = KinesisEvents.unique("eos");
        String topic = KinesisEvents.unique("raw");
        try {
            Kinesalite.createStream(kinesis, stream, 2);
            connect.kafka().createTopic(topic, 3);
            String name = KinesisEvents.unique("kinesis-eos");
            Map<String, String> config = KinesisLogsSourceConnectorIT.connectorConfig(stream, topic,
                    KinesisEvents.unique("dlq"), 2);
            config.put("exactly.once.support", "required");
            config.put("transaction.boundary", "poll");
            config.put("name", name);
            var validation = connect.validateConnectorConfig(KinesisLogsSourceConnector.class.getSimpleName(), config);
            assertThat(validation.configs().stream().flatMap(v -> v.configValue().errors().stream()).toList())
                    .as("validation errors").isEmpty();
            connect.configureConnector(name, config);
            awaitRunning(connect, name);
            Set<String> expected = new HashSet<>(KinesisEvents.put(kinesis, stream, 1, 20, 5, 0));
            expected.addAll(KinesisEvents.put(kinesis, stream, 2, 20, 5, 0));
            try (TopicReader raw = new TopicReader(connect, topic)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> ids(raw).containsAll(expected));
                connect.restartConnectorAndTasks(name, false, true, false);
                awaitRunning(connect, name);
                expected.addAll(KinesisEvents.put(kinesis, stream, 1, 20, 5, 100));
                expected.addAll(KinesisEvents.put(kinesis, stream, 2, 20, 5, 100));
                await().atMost(Duration.ofSeconds(60)).until(() -> ids(raw).containsAll(expected));
                List<String> seen = raw.events().stream().map(LogEvent::eventId).toList();
                assertThat(seen).doesNotHaveDuplicates();
                assertThat(new HashSet<>(seen)).isEqualTo(expected);
            }
            kinesis.deleteStream(r -> r.streamName(stream));
        } finally {
            connect.stop();
            kinesis.close();
        }
    }

    private static Set<String> ids(TopicReader reader) {
        return reader.events().stream().map(LogEvent::eventId).collect(Collectors.toSet());
    }

    private static void awaitRunning(EmbeddedConnectCluster connect, String name) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            ConnectorStateInfo s = connect.connectorStatus(name);
            assertThat(s.connector().state()).isEqualTo("RUNNING");
            assertThat(s.tasks()).hasSize(2).allMatch(t -> t.state().equals("RUNNING"));
        });
    }
}
