package io.ecsmonitor.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sinks} role of {@code ecs-monitor run}, configured by the environment, on a real broker. */
@WithKafka
class SinksRoleIT {

    @Test
    void shouldDeliverAlertsWithTheEnvironmentsSinksAndCountThem(KafkaCluster kafka, @TempDir Path out) throws Exception {
        String alertsTopic = KafkaCluster.uniqueName("alerts");
        kafka.createTopic(alertsTopic, 1, 1);
        kafka.createTopic(Topics.ALERTS_DLQ.name() + "-" + alertsTopic, 1, 1);
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/", ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "ECS_health_OUTDIR", out.toString(),
                "ECS_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
        RunConfig config = RunConfig.resolve(Map.of("sinks.alerts.topic", alertsTopic,
                "sinks.dlq.topic", Topics.ALERTS_DLQ.name() + "-" + alertsTopic,
                "application.id", KafkaCluster.uniqueName("run")), env);
        RunContext context = new RunContext(config, EcsEnvironment.from(config.originalsAsStrings()), kafka.bootstrapServers(), "",
                new AtomicReference<>());
        Role role = Roles.create("sinks", config);
        try {
            role.start(context);
            assertThat(role.ready()).isTrue();
            Diagnosis d = new Diagnosis("api", "prod", 1000, Diagnosis.Status.CRITICAL, "OOM crash loop", "api: OOM crash loop — 3 restarts",
                    List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of());
            try (KafkaProducer<String, Alert> p = new KafkaProducer<>(kafka.producerConfig(), Topics.ALERTS.keySerde().serializer(),
                    Topics.ALERTS.valueSerde().serializer())) {
                p.send(new ProducerRecord<>(alertsTopic, "api", new Alert("api-19700101T000001Z", "api", "prod", Alert.Kind.OPENED,
                        Diagnosis.Status.CRITICAL, Diagnosis.Status.OK, 1000, 1000, 1, d))).get();
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(posted).singleElement().asString().contains("api-19700101T000001Z");
                assertThat(out.resolve("alerts.jsonl")).exists();
                assertThat(Files.readAllLines(out.resolve("alerts.jsonl"))).hasSize(1);
                assertThat(role.metrics()).anySatisfy(m -> {
                    assertThat(m.name()).isEqualTo("ecs_monitor_alerts_delivered_total");
                    assertThat(m.labels()).containsEntry("sink", "webhook");
                    assertThat(m.value()).isEqualTo(1.0);
                });
            });
            assertThat(role.state()).isEqualTo("RUNNING");
        } finally {
            role.close();
            hook.stop(0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !role.ready());
    }
}
