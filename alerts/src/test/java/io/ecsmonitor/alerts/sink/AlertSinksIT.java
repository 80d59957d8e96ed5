package io.ecsmonitor.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.awsfakes.AwsFault;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.awsfakes.SnsFake;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Silence;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class AlertSinksIT {

    private final FakeAws aws = FakeAws.start();
    private final SnsFake snsFake = new SnsFake();
    private LocalHttpEndpoint http;
    private String alertsTopic;
    private String dlqTopic;
    private String group;
    private String silencesTopic;
    private Thread runner;
    private AlertSinks sinks;

    @BeforeEach
    void setUp(KafkaCluster kafka) throws Exception {
        aws.register(snsFake);
        http = new LocalHttpEndpoint();
        alertsTopic = KafkaCluster.uniqueName("alerts");
        dlqTopic = KafkaCluster.uniqueName("alerts-dlq");
        group = KafkaCluster.uniqueName("sinks");
        silencesTopic = KafkaCluster.uniqueName("silences");
        kafka.createTopic(alertsTopic, 2, 1);
        kafka.createTopic(dlqTopic, 1, 1);
    }

    @AfterEach
    void tearDown() {
        if (sinks != null) {
            sinks.close();
        }
        http.close();
        aws.close();
    }

    private void start(KafkaCluster kafka, Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(settings);
        props.put(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(SinksConfig.ALERTS_TOPIC_CONFIG, alertsTopic);
        props.put(SinksConfig.DLQ_TOPIC_CONFIG, dlqTopic);
        props.put(SinksConfig.GROUP_ID_CONFIG, group);
        props.put(SinksConfig.SILENCES_TOPIC_CONFIG, silencesTopic);
        props.put(SinksConfig.RETRY_BACKOFF_MS_CONFIG, 20);
        props.put(SinksConfig.RETRY_ATTEMPTS_CONFIG, 3);
        SinksConfig config = new SinksConfig(props);
        sinks = new AlertSinks(config, AlertSinks.sinksFrom(config, AwsSettings.fromRegion("us-east-1").withMaxAttempts(1)), Map.of());
        runner = new Thread(sinks, "alert-sinks");
        runner.start();
    }

    private void send(KafkaCluster kafka, String key, byte[] value) throws Exception {
        send(kafka, alertsTopic, key, value);
    }

    private static void send(KafkaCluster kafka, String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    private static byte[] json(Alert a) {
        return Topics.ALERTS.valueSerde().serializer().serialize("t", a);
    }

    private long committed(KafkaCluster kafka) throws Exception {
        try (Admin admin = kafka.newAdminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(KafkaCluster kafka, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("dlq-reader")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(dlqTopic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
        }
        return out;
    }

    @Test
    void shouldDeliverToFilesWebhookSlackAndSnsAndCommitAfterDelivery(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String topicArn = snsFake.createTopic("alerts");
        aws.failNext("Publish", 1, new AwsFault(500, "InternalError", "try again"));
        start(kafka, Map.of(SinksConfig.OUT_DIR_CONFIG, dir.toString(),
                SinksConfig.WEBHOOK_URL_CONFIG, http.url("/hook").toString(),
                SinksConfig.SLACK_URL_CONFIG, http.url("/services/T0/B0/X").toString(),
                SinksConfig.SNS_TOPIC_ARN_CONFIG, topicArn,
                SinksConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString()));
        send(kafka, "api", json(Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1)));
        send(kafka, "worker", json(Alerts.oomCrashLoop("worker", Alert.Kind.OPENED, 1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> committed(kafka) == 2);
        assertThat(http.bodies("/hook")).hasSize(2);
        assertThat(http.bodies("/services/T0/B0/X")).hasSize(2).allSatisfy(b -> assertThat(b).contains("\"blocks\""));
        assertThat(snsFake.published(topicArn)).hasSize(2).extracting(SnsFake.Published::subject)
                .containsExactlyInAnyOrder("[CRITICAL] api: OOM crash loop", "[CRITICAL] worker: OOM crash loop");
        assertThat(snsFake.published(topicArn).get(0).message()).contains("Quick troubleshooting:");
        assertThat(aws.calls("Publish")).extracting(FakeAws.Call::status).containsExactly(500, 200, 200);
        assertThat(Files.readAllLines(dir.resolve(FileSink.LOG_FILE))).hasSize(2);
        assertThat(sinks.delivered()).containsEntry("sns", 2L).containsEntry("webhook", 2L).containsEntry("slack", 2L)
                .containsEntry("file", 2L);
        assertThat(sinks.deadLettered()).isEmpty();
    }

    @Test
    void shouldDeadLetterWhatAFailingEndpointRefusesAndStillCommit(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        http.answer("/hook", 503);
        start(kafka, Map.of(SinksConfig.OUT_DIR_CONFIG, dir.toString(), SinksConfig.WEBHOOK_URL_CONFIG, http.url("/hook").toString()));
        byte[] alert = json(Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1));
        send(kafka, "api", alert);
        send(kafka, "api", "{not json".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(kafka, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(kafka) == 2);
        ConsumerRecord<byte[], byte[]> undelivered = dead.stream()
                .filter(r -> DeadLetter.header(r.headers(), DeadLetter.STAGE).orElse("").equals("deliver:webhook")).findFirst().orElseThrow();
        assertThat(undelivered.value()).isEqualTo(alert);
        assertThat(DeadLetter.header(undelivered.headers(), DeadLetter.REASON)).hasValueSatisfying(r ->
                assertThat(r).contains("answered 503"));
        assertThat(DeadLetter.header(undelivered.headers(), DeadLetter.SOURCE_TOPIC)).contains(alertsTopic);
        assertThat(dead).anySatisfy(r -> assertThat(DeadLetter.header(r.headers(), DeadLetter.STAGE)).contains("deserialize"));
        assertThat(http.bodies("/hook")).as("three attempts, then the dead-letter topic").hasSize(3);
        assertThat(Files.readAllLines(dir.resolve(FileSink.LOG_FILE))).as("the file sink still delivered it").hasSize(1);
        assertThat(sinks.deadLettered()).containsEntry("webhook", 1L).containsEntry("deserialize", 1L);
    }

    private void silence(KafkaCluster kafka, String id, byte[] value) throws Exception {
        send(kafka, silencesTopic, id, value);
    }

    private static byte[] json(Silence s) {
        return Topics.SILENCES.valueSerde().serializer().serialize("t", s);
    }

    @Test
    void shouldHoldBackTheAlertsOfSilencedServicesFromPeopleButRecordThemInTheFiles(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        long now = System.currentTimeMillis();
        kafka.createTopic(silencesTopic, 1, 1);
        silence(kafka, "s-checkout", json(new Silence("s-checkout", "checkout-*", now - 60_000, now + 3_600_000, "failover", "alice", now)));
        silence(kafka, "s-api", json(new Silence("s-api", "api", now - 7_200_000, now - 3_600_000, "over", "bob", now)));
        silence(kafka, "s-bad", "{not a silence".getBytes(StandardCharsets.UTF_8));
        start(kafka, Map.of(SinksConfig.OUT_DIR_CONFIG, dir.toString(), SinksConfig.WEBHOOK_URL_CONFIG, http.url("/hook").toString()));
        send(kafka, "checkout-web", json(Alerts.oomCrashLoop("checkout-web", Alert.Kind.OPENED, 1)));
        send(kafka, "api", json(Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> committed(kafka) == 2);
        assertThat(http.bodies("/hook")).singleElement().asString().contains("\"service\":\"api\"");
        assertThat(Files.readAllLines(dir.resolve(FileSink.LOG_FILE))).hasSize(2);
        assertThat(sinks.silenced()).containsExactly(Map.entry("webhook", 1L));
        assertThat(sinks.silences().invalid()).isEqualTo(1);

        // A silence created while the sinks run applies from when it is read.
        silence(kafka, "s-api-2", json(new Silence("s-api-2", "api", now, now + 3_600_000, "deploy", "carol", now)));
        await().atMost(Duration.ofSeconds(30)).until(() -> sinks.silences().silencing("api", System.currentTimeMillis()).isPresent());
        send(kafka, "api", json(Alerts.oomCrashLoop("api", Alert.Kind.RENOTIFIED, 2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(kafka) == 3);
        assertThat(http.bodies("/hook")).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve(FileSink.LOG_FILE))).hasSize(3);
        assertThat(sinks.silenced()).containsExactly(Map.entry("webhook", 2L));
        assertThat(sinks.delivered()).containsEntry("webhook", 1L).containsEntry("file", 3L);
    }

    @Test
    void shouldSendAnAlertStormToPeopleAsOneDigestAndEveryAlertToTheWebhookAndFiles(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        start(kafka, Map.of(SinksConfig.OUT_DIR_CONFIG, dir.toString(), SinksConfig.WEBHOOK_URL_CONFIG, http.url("/hook").toString(),
                SinksConfig.SLACK_URL_CONFIG, http.url("/slack").toString(),
                SinksConfig.STORM_THRESHOLD_CONFIG, 2, SinksConfig.STORM_WINDOW_MS_CONFIG, 10_000));
        List<String> services = List.of("api", "checkout", "catalog", "billing", "search");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String service : services) {
                p.send(new ProducerRecord<>(alertsTopic, service.getBytes(StandardCharsets.UTF_8),
                        json(Alerts.oomCrashLoop(service, Alert.Kind.OPENED, 1))));
            }
            p.flush();
        }

        // The webhook (machines) and the files get each alert at once; Slack gets two, then the storm is collected.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http.bodies("/hook")).hasSize(5);
            assertThat(http.bodies("/slack")).hasSize(2);
        });
        assertThat(committed(kafka)).as("the digest's records wait for it").isLessThan(5);
        await().atMost(Duration.ofSeconds(40)).until(() -> committed(kafka) == 5);
        List<String> slack = http.bodies("/slack");
        assertThat(slack).hasSize(3);
        assertThat(slack.get(2)).contains("[STORM] 3 alerts in 10 s (3 CRITICAL) from 3 services")
                .contains("alert storm, one message instead of 3");
        assertThat(Files.readAllLines(dir.resolve(FileSink.LOG_FILE))).hasSize(5);
        assertThat(sinks.digests()).containsExactly(Map.entry("slack", 1L));
        assertThat(sinks.delivered()).containsEntry("slack", 5L).containsEntry("webhook", 5L).containsEntry("file", 5L);
    }
}
