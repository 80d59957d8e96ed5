package io.ecsmonitor.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.connect.LogRecords;
import io.ecsmonitor.ingest.testing.CloudWatchPayloads;
import io.ecsmonitor.ingest.testing.KinesisEvents;
import io.ecsmonitor.ingest.testing.ConnectClusters;
import io.ecsmonitor.ingest.testing.ConnectClusters.TopicReader;
import io.ecsmonitor.ingest.testing.Kinesalite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The Kinesis connector on a two-worker {@link EmbeddedConnectCluster} (real KRaft broker) reading
 * kinesalite, with payloads built the way CloudWatch builds them. One cluster serves every test.
 */
class KinesisLogsSourceConnectorIT {

    private static EmbeddedConnectCluster connect;
    private static KinesisClient kinesis;

    @BeforeAll
    static void startCluster() {
        Kinesalite.assumeRunning();
        kinesis = Kinesalite.client();
        connect = new EmbeddedConnectCluster.Builder().name("kinesis-it").numWorkers(2).numBrokers(1)
                .workerProps(ConnectClusters.fastWorkerProps()).build();
        connect.start();
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    static Map<String, String> connectorConfig(String stream, String topic, String dlq, int tasks) {
        Map<String, String> c = new HashMap<>(LogRecords.CONVERTERS);
        c.put("connector.class", KinesisLogsSourceConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put(KinesisSourceConfig.STREAM_CONFIG, stream);
        c.put(CommonConfig.AWS_ENDPOINT_CONFIG, Kinesalite.endpoint().toString());
        c.put(CommonConfig.AWS_REGION_CONFIG, "us-east-1");
        c.put(CommonConfig.TOPIC_CONFIG, topic);
        c.put(CommonConfig.DLQ_TOPIC_CONFIG, dlq);
        c.put(CommonConfig.CLUSTER_CONFIG, "prod");
        c.put(KinesisSourceConfig.MONITOR_INTERVAL_CONFIG, "1000");
        return c;
    }

    static List<String> putEvents(String stream, int task, int records, int perRecord, int firstSeq) {
        return KinesisEvents.put(kinesis, stream, task, records, perRecord, firstSeq);
    }

    static String unique(String prefix) {
        return KinesisEvents.unique(prefix);
    }

    static void awaitRunning(String name, int tasks) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            ConnectorStateInfo s = connect.connectorStatus(name);
            assertThat(s.connector().state()).isEqualTo("RUNNING");
            assertThat(s.tasks()).hasSize(tasks).allMatch(t -> t.state().equals("RUNNING"));
        });
    }

    static void awaitEvents(TopicReader reader, Set<String> expected) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                reader.events().stream().map(LogEvent::eventId).collect(Collectors.toSet()).containsAll(expected));
    }

    static void assertExactlyOnce(TopicReader reader, Set<String> expected) {
        List<String> ids = reader.events().stream().map(LogEvent::eventId).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
    }

    @Test
    void shouldEmitEveryEventOnceDropControlMessagesAndDeadLetterCorruptRecords() {
        String stream = unique("logs");
        String topic = unique("raw");
        String dlq = unique("dlq");
        Kinesalite.createStream(kinesis, stream, 2);
        connect.kafka().createTopic(topic, 3);
        connect.kafka().createTopic(dlq, 1);
        Set<String> expected = new HashSet<>();
        Kinesalite.put(kinesis, stream, "control", CloudWatchPayloads.control());
        expected.addAll(putEvents(stream, 1, 5, 4, 0));
        expected.addAll(putEvents(stream, 2, 5, 3, 0));
        String notGzip = Kinesalite.put(kinesis, stream, "bad-1", "plain text".getBytes(StandardCharsets.UTF_8)).sequenceNumber();
        Kinesalite.put(kinesis, stream, "bad-2", Kinesalite.gzip("{not json"));
        Kinesalite.put(kinesis, stream, "bad-3", Kinesalite.gzip("{\"hello\":\"world\"}"));
        expected.addAll(putEvents(stream, 3, 5, 2, 0));

        String name = unique("kinesis");
        connect.configureConnector(name, connectorConfig(stream, topic, dlq, 2));
        awaitRunning(name, 2);
        try (TopicReader raw = new TopicReader(connect, topic); TopicReader dead = new TopicReader(connect, dlq)) {
            awaitEvents(raw, expected);
            await().atMost(Duration.ofSeconds(30)).until(() -> dead.poll().size() >= 3);
            assertExactlyOnce(raw, expected);

            ConsumerRecord<byte[], byte[]> first = raw.poll().get(0);
            LogEvent event = Topics.LOGS_RAW.valueSerde().deserializer().deserialize(topic, first.value());
            assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo(event.streamKey());
            assertThat(first.value()).isEqualTo(Topics.LOGS_RAW.valueSerde().serializer().serialize(topic, event));
            assertThat(event.service()).isEqualTo("api");
            assertThat(event.cluster()).isEqualTo("prod");
            assertThat(event.container()).isEqualTo("api");
            assertThat(event.taskId()).hasSize(32);
            assertThat(event.source()).isEqualTo("kinesis");
            assertThat(event.missingRequiredField()).isNull();

            List<ConsumerRecord<byte[], byte[]>> letters = dead.poll();
            assertThat(letters).hasSize(3);
            List<String> reasons = letters.stream().map(r -> DeadLetter.header(r.headers(), DeadLetter.REASON).orElseThrow()).toList();
            assertThat(reasons).anyMatch(r -> r.startsWith("not gzip")).anyMatch(r -> r.startsWith("not JSON"))
                    .anyMatch(r -> r.startsWith("not a CloudWatch Logs envelope"));
            ConsumerRecord<byte[], byte[]> plain = letters.stream()
                    .filter(r -> DeadLetter.header(r.headers(), DeadLetter.REASON).orElseThrow().startsWith("not gzip")).findFirst().orElseThrow();
            assertThat(new String(plain.value(), StandardCharsets.UTF_8)).isEqualTo("plain text");
            assertThat(DeadLetter.header(plain.headers(), DeadLetter.SOURCE_POSITION).orElseThrow())
                    .startsWith("kinesis:" + stream + "/shardId-").endsWith("/" + notGzip);
        } finally {
            connect.deleteConnector(name);
            kinesis.deleteStream(r -> r.streamName(stream));
        }
    }

    @Test
    void shouldMoveTheShardsOfAStoppedWorkerToTheOtherWorker() {
        String stream = unique("logs");
        String topic = unique("raw");
        Kinesalite.createStream(kinesis, stream, 4);
        connect.kafka().createTopic(topic, 3);
        String name = unique("kinesis");
        connect.configureConnector(name, connectorConfig(stream, topic, unique("dlq"), 2));
        awaitRunning(name, 2);
        Set<String> expected = new HashSet<>();
        for (int t = 1; t <= 4; t++) {
            expected.addAll(putEvents(stream, t, 3, 3, 0));
        }
        try (TopicReader raw = new TopicReader(connect, topic)) {
            awaitEvents(raw, expected);
            String victimUrl = connect.connectorStatus(name).tasks().get(0).workerId();
            WorkerHandle victim = connect.workers().stream().filter(w -> victimUrl.contains(w.url().getHost() + ":" + w.url().getPort())
                    || w.url().toString().contains(victimUrl)).findFirst().orElseThrow();
            connect.removeWorker(victim);
            for (int t = 1; t <= 4; t++) {
                expected.addAll(putEvents(stream, t, 3, 3, 100));
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                ConnectorStateInfo s = connect.connectorStatus(name);
                assertThat(s.tasks()).hasSize(2).allMatch(t -> t.state().equals("RUNNING") && !t.workerId().equals(victimUrl));
            });
            awaitEvents(raw, expected);
            assertExactlyOnce(raw, expected);
        } finally {
            connect.deleteConnector(name);
            kinesis.deleteStream(r -> r.streamName(stream));
            connect.addWorker();
        }
    }

    @Test
    void shouldLoseNothingAndKeepOrderWhenAShardSplitsMidStream() {
        String stream = unique("logs");
        String topic = unique("raw");
        Kinesalite.createStream(kinesis, stream, 1);
        connect.kafka().createTopic(topic, 3);
        String name = unique("kinesis");
        connect.configureConnector(name, connectorConfig(stream, topic, unique("dlq"), 2));
        awaitRunning(name, 1);
        Set<String> expected = new HashSet<>(putEvents(stream, 7, 10, 3, 0));
        expected.addAll(putEvents(stream, 8, 10, 3, 0));
        Shard parent = Kinesalite.openShards(kinesis, stream).get(0);
        Kinesalite.split(kinesis, stream, parent);
        expected.addAll(putEvents(stream, 7, 10, 3, 30));
        expected.addAll(putEvents(stream, 8, 10, 3, 30));
        try (TopicReader raw = new TopicReader(connect, topic)) {
            awaitEvents(raw, expected);
            assertExactlyOnce(raw, expected);
            Map<String, List<Integer>> orderByLogStream = raw.events().stream().collect(Collectors.groupingBy(
                    LogEvent::logStream, Collectors.mapping(e -> Integer.parseInt(e.message().substring(5)), Collectors.toList())));
            assertThat(orderByLogStream).hasSize(2);
            orderByLogStream.values().forEach(order -> assertThat(order).isSorted().hasSize(60));
            assertThat(connect.taskConfigs(name).get(0).config().get(KinesisSourceConfig.TASK_SHARDS_CONFIG)).contains(",");
        } finally {
            connect.deleteConnector(name);
            kinesis.deleteStream(r -> r.streamName(stream));
        }
    }

    @Test
    void shouldResumeFromStoredOffsetsWithoutDuplicatesAfterARestart() {
        String stream = unique("logs");
        String topic = unique("raw");
        Kinesalite.createStream(kinesis, stream, 2);
        connect.kafka().createTopic(topic, 3);
        String name = unique("kinesis");
        Map<String, String> config = connectorConfig(stream, topic, unique("dlq"), 2);
        connect.configureConnector(name, config);
        awaitRunning(name, 2);
        Set<String> expected = new HashSet<>(putEvents(stream, 1, 5, 3, 0));
        expected.addAll(putEvents(stream, 2, 5, 3, 0));
        try (TopicReader raw = new TopicReader(connect, topic)) {
            awaitEvents(raw, expected);
            connect.stopConnector(name);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> connect.connectorStatus(name).connector().state().equals("STOPPED"));
            assertThat(connect.connectorOffsets(name).offsets()).isNotEmpty();
            expected.addAll(putEvents(stream, 1, 5, 3, 100));
            expected.addAll(putEvents(stream, 2, 5, 3, 100));
            connect.resumeConnector(name);
            awaitRunning(name, 2);
            awaitEvents(raw, expected);
            assertExactlyOnce(raw, expected);
        } finally {
            connect.deleteConnector(name);
            kinesis.deleteStream(r -> r.streamName(stream));
        }
    }
}
