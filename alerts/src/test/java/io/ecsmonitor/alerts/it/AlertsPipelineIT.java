package io.ecsmonitor.alerts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.alerts.diagnosis.DiagnosisTopology;
import io.ecsmonitor.alerts.sink.AlertSinks;
import io.ecsmonitor.alerts.sink.FileSink;
import io.ecsmonitor.alerts.sink.LocalHttpEndpoint;
import io.ecsmonitor.alerts.sink.SinksConfig;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.awsfakes.SnsFake;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.core.topic.Topic;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From statistics, restarts and health reports on the real broker, through the diagnosis topology, to
 * alerts delivered by the sinks: a file, a webhook, a Slack-compatible endpoint and SNS.
 */
@WithKafka
class AlertsPipelineIT {

    private static final String OOM = "java.lang.OutOfMemoryError: Java heap space at c.e.api.ReportBuilder.build(ReportBuilder.java:88)";

    private static <V> void send(KafkaCluster kafka, Topic<String, V> topic, String key, V value, long timestamp) throws Exception {
        try (KafkaProducer<String, V> p = new KafkaProducer<>(kafka.producerConfig(), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            p.send(new ProducerRecord<>(topic.name(), null, timestamp, key, value)).get();
        }
    }

    private static List<Alert> hooked(LocalHttpEndpoint http) {
        return http.bodies("/hook").stream()
                .map(b -> Topics.ALERTS.valueSerde().deserializer().deserialize("t", b.getBytes())).toList();
    }

    @Test
    void shouldTurnACrashLoopIntoAlertsDeliveredByEverySink(KafkaCluster kafka, @TempDir Path stateDir, @TempDir Path outDir)
            throws Exception {
        for (Topic<?, ?> t : List.of(Topics.STATS, Topics.RESTARTS, Topics.HEALTH, Topics.ALERTS, Topics.ALERTS_DLQ, Topics.DLQ)) {
            kafka.createTopic(t.name(), 2, 1);
        }
        String service = "pipeline-api";
        long now = System.currentTimeMillis();
        long minute = now - now % 60_000;

        try (FakeAws aws = FakeAws.start(); LocalHttpEndpoint http = new LocalHttpEndpoint()) {
            SnsFake sns = new SnsFake();
            aws.register(sns);
            String topicArn = sns.createTopic("ecs-alerts");

            KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(new StreamsBuilder(), AlertsConfig.defaults()),
                    kafka.streamsConfig(KafkaCluster.uniqueName("diagnosis"), stateDir));
            SinksConfig sinksConfig = new SinksConfig(Map.of(
                    SinksConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    SinksConfig.GROUP_ID_CONFIG, KafkaCluster.uniqueName("sinks"),
                    SinksConfig.OUT_DIR_CONFIG, outDir.toString(),
                    SinksConfig.WEBHOOK_URL_CONFIG, http.url("/hook").toString(),
                    SinksConfig.SLACK_URL_CONFIG, http.url("/slack").toString(),
                    SinksConfig.SNS_TOPIC_ARN_CONFIG, topicArn,
                    SinksConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString()));
            AlertSinks sinks = AlertSinks.create(sinksConfig, AwsSettings.defaults().withMaxAttempts(1));
            Thread runner = new Thread(sinks, "alert-sinks");
            try {
                streams.start();
                runner.start();

                HealthReport.TargetGroupHealth targets = new HealthReport.TargetGroupHealth("arn:tg", "api-tg",
                        Map.of("healthy", 2, "unhealthy", 2),
                        List.of(new HealthReport.TargetState("10.0.1.20", 8080, "unhealthy", "Target.Timeout", "Request timed out"),
                                new HealthReport.TargetState("10.0.1.21", 8080, "unhealthy", "Target.Timeout", "Request timed out")));
                send(kafka, Topics.HEALTH, service, new HealthReport(service, "prod", now, HealthReport.HealthStatus.DEGRADED, "",
                        new HealthReport.EcsState("ACTIVE", 4, 2, 2, List.of(), List.of()), List.of(), List.of(targets), List.of(),
                        List.of(), List.of()), now);
                send(kafka, Topics.STATS, service, new ServiceStats(service, minute, minute + 60_000, 300, 3,
                        Map.of(Category.OOM, 3L), Map.of(), 0, Map.of(),
                        List.of(new ServiceStats.FingerprintCount("a1b2c3d4e5f60718", Category.OOM, 3, OOM)), now), now);
                for (int i = 0; i < 3; i++) {
                    long at = now - (2 - i) * 240_000L;
                    send(kafka, Topics.RESTARTS, service, new RestartEvent(service, "prod", RestartEvent.Kind.TASK_START, at,
                            "task" + (i + 2), "api", "ecs/api/task" + (i + 2), "task" + (i + 1), "ecs/api/task" + (i + 1),
                            List.of(OOM), Category.OOM, i + 1, i == 2), at);
                }

                String expected = service
                        + ": OOM crash loop — 3 restarts in 8 min after OutOfMemoryError; 2/4 targets unhealthy (Target.Timeout)";
                // The three topics are read in timestamp order, so the full picture may take one escalation more.
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(hooked(http)).extracting(a -> a.diagnosis().summary()).contains(expected);
                    assertThat(sns.published(topicArn)).extracting(SnsFake.Published::subject)
                            .contains("[CRITICAL] " + service + ": OOM crash loop");
                    assertThat(http.bodies("/slack")).anySatisfy(b -> assertThat(b).contains(expected));
                });
                List<Alert> hooked = hooked(http);
                assertThat(hooked).extracting(Alert::kind).startsWith(Alert.Kind.OPENED);
                assertThat(hooked).extracting(Alert::incidentId).containsOnly(hooked.get(0).incidentId());
                Alert last = hooked.get(hooked.size() - 1);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(Files.readAllLines(outDir.resolve(FileSink.LOG_FILE))).hasSize(hooked.size()));
                assertThat(JsonSerde.MAPPER.readTree(outDir.resolve(FileSink.LATEST_FILE).toFile()).get(service).get("incidentId")
                        .asText()).isEqualTo(last.incidentId());
            } finally {
                sinks.close();
                streams.close(Duration.ofSeconds(30));
            }
        }
    }
}
