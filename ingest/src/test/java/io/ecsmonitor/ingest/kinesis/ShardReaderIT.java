package io.ecsmonitor.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.envelope.LogEventMapper;
import io.ecsmonitor.ingest.testing.CloudWatchPayloads;
import io.ecsmonitor.ingest.testing.CloudWatchPayloads.Entry;
import io.ecsmonitor.ingest.testing.KinesisEvents;
import io.ecsmonitor.ingest.testing.Kinesalite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** One shard reader against kinesalite, without Connect: resuming inside a record, initial positions, pacing. */
class ShardReaderIT {

    private KinesisClient kinesis;
    private KinesisClient taskClient;
    private String stream;
    private KinesisSourceConfig config;
    private String shard;

    @BeforeEach
    void createStream() {
        Kinesalite.assumeRunning();
        kinesis = Kinesalite.client();
        stream = KinesisEvents.unique("reader");
        Kinesalite.createStream(kinesis, stream, 1);
        shard = Kinesalite.openShards(kinesis, stream).get(0).shardId();
        config = new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, stream,
                CommonConfig.AWS_ENDPOINT_CONFIG, Kinesalite.endpoint().toString(), CommonConfig.AWS_REGION_CONFIG, "us-east-1",
                KinesisSourceConfig.INTERVAL_CONFIG, "200"));
        taskClient = AwsClients.sync(KinesisClient.builder(), config.awsSettings());
    }

    @AfterEach
    void deleteStream() {
        if (kinesis != null) {
            kinesis.deleteStream(r -> r.streamName(stream));
            kinesis.close();
            taskClient.close();
        }
    }

    private ShardReader reader(Map<String, Object> offset) {
        return reader(offset, new KinesisTaskMetrics());
    }

    private ShardReader reader(Map<String, Object> offset, KinesisTaskMetrics metrics) {
        return new ShardReader(taskClient, config, new LogEventMapper(config.pattern(), null, "kinesis"),
                metrics, shard, List.of(), false, offset);
    }

    private static List<SourceRecord> readAll(ShardReader reader, int expected) {
        List<SourceRecord> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            out.addAll(reader.read(System.currentTimeMillis()));
            return out.size() >= expected;
        });
        return out;
    }

    private static String message(SourceRecord r) {
        return Topics.LOGS_RAW.valueSerde().deserializer().deserialize("t", (byte[]) r.value()).message();
    }

    @Test
    void shouldResumeInsideARecordAfterTheLastEmittedEventAndPaceCalls() {
        String group = "/ecs/api";
        String logStream = "ecs/api/" + KinesisEvents.taskId(1);
        Kinesalite.put(kinesis, stream, "control", CloudWatchPayloads.control());
        String first = Kinesalite.put(kinesis, stream, "a", CloudWatchPayloads.data(group, logStream, List.of(
                new Entry(CloudWatchPayloads.eventId(1), 1L, "a0"), new Entry(CloudWatchPayloads.eventId(2), 2L, "a1"),
                new Entry(CloudWatchPayloads.eventId(3), 3L, "a2")))).sequenceNumber();
        Kinesalite.put(kinesis, stream, "a", CloudWatchPayloads.data(group, logStream, List.of(
                new Entry(CloudWatchPayloads.eventId(4), 4L, "b0"))));

        KinesisTaskMetrics metrics = new KinesisTaskMetrics();
        List<SourceRecord> all = readAll(reader(null, metrics), 4);
        assertThat(metrics.controlMessages()).isEqualTo(1);
        assertThat(metrics.events()).isEqualTo(4);
        assertThat(metrics.deadLetters()).isZero();
        assertThat(all).extracting(ShardReaderIT::message).containsExactly("a0", "a1", "a2", "b0");
        assertThat(all.get(1).sourceOffset()).isEqualTo(Map.of(ShardReader.SEQ, first, ShardReader.IDX, 1));
        assertThat(all.get(0).sourcePartition()).isEqualTo(Map.of("stream", stream, "shard", shard));

        List<SourceRecord> resumed = readAll(reader(Map.of(ShardReader.SEQ, first, ShardReader.IDX, 1)), 2);
        assertThat(resumed).extracting(ShardReaderIT::message).containsExactly("a2", "b0");

        ShardReader paced = reader(null);
        long now = System.currentTimeMillis();
        paced.read(now);
        assertThat(paced.nextCallAt()).isGreaterThanOrEqualTo(now + config.intervalMs());
        LogEvent event = Topics.LOGS_RAW.valueSerde().deserializer().deserialize("t", (byte[]) all.get(0).value());
        assertThat(event.taskId()).isEqualTo(KinesisEvents.taskId(1));
    }

    @Test
    void shouldStartAtLatestWhenConfiguredAndAtTrimHorizonForAChildShard() {
        String logStream = "ecs/api/" + KinesisEvents.taskId(2);
        Kinesalite.put(kinesis, stream, "b", CloudWatchPayloads.data("/ecs/api", logStream, List.of(
                new Entry(CloudWatchPayloads.eventId(50), 50L, "old"))));
        KinesisSourceConfig latest = new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, stream,
                CommonConfig.AWS_ENDPOINT_CONFIG, Kinesalite.endpoint().toString(), CommonConfig.AWS_REGION_CONFIG, "us-east-1",
                KinesisSourceConfig.POSITION_CONFIG, "LATEST"));
        LogEventMapper mapper = new LogEventMapper(latest.pattern(), null, "kinesis");
        ShardReader reader = new ShardReader(taskClient, latest, mapper, new KinesisTaskMetrics(), shard, List.of(), false, null);
        ShardReader child = new ShardReader(taskClient, latest, mapper, new KinesisTaskMetrics(), shard, List.of(), true, null);
        assertThat(reader.read(System.currentTimeMillis())).isEmpty();
        Kinesalite.put(kinesis, stream, "b", CloudWatchPayloads.data("/ecs/api", logStream, List.of(
                new Entry(CloudWatchPayloads.eventId(51), 51L, "new"))));
        assertThat(readAll(reader, 1)).extracting(ShardReaderIT::message).containsExactly("new");
        assertThat(readAll(child, 1)).extracting(ShardReaderIT::message).contains("old", "new");
    }

    @Test
    void shouldNameTheStreamAndTheSettingWhenTheStreamDoesNotExist() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KinesisStreams.listShards(taskClient, "no-such-stream"))
                .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class)
                .hasMessageContaining("Kinesis stream 'no-such-stream' does not exist").hasMessageContaining("kinesis.stream");
    }
}
