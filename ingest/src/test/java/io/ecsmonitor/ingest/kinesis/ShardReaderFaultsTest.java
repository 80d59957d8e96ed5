package io.ecsmonitor.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.awsfakes.AwsFault;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.awsfakes.JsonService;
import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.envelope.LogEventMapper;
import io.ecsmonitor.ingest.testing.CloudWatchPayloads;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * What kinesalite cannot play: throughput exceeded and expired iterators, injected by {@link FakeAws} in front
 * of a one-record Kinesis fake (JSON protocol; the test JVM runs with CBOR off).
 */
class ShardReaderFaultsTest {

    private FakeAws aws;
    private KinesisClient client;
    private KinesisSourceConfig config;

    /** One shard holding one DATA_MESSAGE record; iterators are "it-<n>". */
    static final class OneRecordKinesis implements JsonService {
        private final byte[] payload = CloudWatchPayloads.data("/ecs/api", "ecs/api/" + "c".repeat(32),
                List.of(new CloudWatchPayloads.Entry(CloudWatchPayloads.eventId(1), 1L, "hello")));

        @Override
        public String targetPrefix() {
            return "Kinesis_20131202";
        }

        @Override
        public JsonNode handle(String operation, JsonNode request) {
            ObjectNode answer = FakeAws.JSON.createObjectNode();
            switch (operation) {
                case "GetShardIterator" -> answer.put("ShardIterator", "it-0");
                case "GetRecords" -> {
                    boolean first = request.path("ShardIterator").asText().equals("it-0");
                    if (first) {
                        answer.putArray("Records").addObject().put("SequenceNumber", "100").put("PartitionKey", "k")
                                .put("Data", Base64.getEncoder().encodeToString(payload))
                                .put("ApproximateArrivalTimestamp", 1.0);
                    } else {
                        answer.putArray("Records");
                    }
                    answer.put("NextShardIterator", "it-1").put("MillisBehindLatest", 0);
                }
                default -> throw new AwsFault(400, "UnknownOperationException", operation);
            }
            return answer;
        }
    }

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        aws.register(new OneRecordKinesis());
        config = new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, "s",
                CommonConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString(), CommonConfig.AWS_REGION_CONFIG, "us-east-1",
                KinesisSourceConfig.BACKOFF_MAX_CONFIG, "4000"));
        client = AwsClients.sync(KinesisClient.builder(), config.awsSettings().withMaxAttempts(1));
    }

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    private ShardReader reader(KinesisTaskMetrics metrics) {
        return new ShardReader(client, config, new LogEventMapper(config.pattern(), null, "kinesis"), metrics,
                "shardId-000000000000", List.of(), false, null);
    }

    @Test
    void shouldBackOffExponentiallyWhenThroughputIsExceededAndThenRead() {
        aws.failNext("GetRecords", 3, new AwsFault(400, "ProvisionedThroughputExceededException", "Rate exceeded for shard"));
        KinesisTaskMetrics metrics = new KinesisTaskMetrics();
        ShardReader reader = reader(metrics);
        long now = System.currentTimeMillis();
        assertThat(reader.read(now)).isEmpty();
        assertThat(reader.nextCallAt() - now).isEqualTo(500);
        assertThat(reader.read(now)).isEmpty();
        assertThat(reader.nextCallAt() - now).isEqualTo(1000);
        assertThat(reader.read(now)).isEmpty();
        assertThat(reader.nextCallAt() - now).isEqualTo(2000);
        List<SourceRecord> records = reader.read(now);
        assertThat(records).hasSize(1);
        assertThat(metrics.throttled()).isEqualTo(3);
        assertThat(reader.nextCallAt() - now).isEqualTo(config.intervalMs());
    }

    @Test
    void shouldRenewAnExpiredIteratorFromTheLastPositionWithoutRepeating() {
        ShardReader reader = reader(new KinesisTaskMetrics());
        assertThat(reader.read(System.currentTimeMillis())).hasSize(1);
        aws.failNext("GetRecords", 1, new AwsFault(400, "ExpiredIteratorException", "Iterator expired"));
        aws.clearCalls();
        assertThat(reader.read(System.currentTimeMillis())).isEmpty();
        // renewed AT_SEQUENCE_NUMBER 100: the fake answers with that record again, which the reader skips
        assertThat(reader.read(System.currentTimeMillis())).isEmpty();
        assertThat(aws.calls("GetShardIterator")).hasSize(1);
    }
}
