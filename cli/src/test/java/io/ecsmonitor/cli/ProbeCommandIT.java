package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.ElbV2Fake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ecs-monitor probe} against the ECS and ELBv2 fakes, producing to a real broker. */
@WithKafka
class ProbeCommandIT {

    @BeforeAll
    static void credentials() {
        FakeAws.useFakeCredentials();
    }

    private static int run(Map<String, String> env, StringWriter err, String... args) {
        CommandLine cl = EcsMonitorCommand.commandLine();
        ((ProbeCommand) cl.getSubcommands().get("probe").getCommand()).env = env;
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldProduceOneReportPerServiceAndProbeToTheHealthTopic(KafkaCluster kafka) {
        String topic = KafkaCluster.uniqueName("health");
        try (FakeAws aws = FakeAws.start()) {
            EcsFake ecs = new EcsFake();
            ElbV2Fake elb = new ElbV2Fake();
            aws.register(ecs).register(elb);
            ElbV2Fake.TargetGroup tg = elb.targetGroup("api-tg", 8080)
                    .target("10.0.1.5", 8080, "unhealthy", "Target.Timeout", "Request timed out")
                    .target("10.0.1.6", 8080, "healthy");
            ecs.cluster("prod").service("api").counts(2, 2, 0).loadBalancer(tg.arn(), "app", 8080);
            ecs.cluster("prod").service("worker").counts(1, 1, 0);

            Map<String, String> env = new HashMap<>(Map.of("ECS_CLUSTER", "prod", "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
            StringWriter err = new StringWriter();
            int code = run(env, err, "probe", "--endpoint-url", aws.endpoint().toString(), "--topic", topic,
                    "--interval", "1", "--count", "2");
            assertThat(code).as(err.toString()).isEqualTo(0);
            assertThat(err.toString()).contains("2 probe(s), 0 failure(s)");

            List<ConsumerRecord<String, HealthReport>> seen = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, HealthReport> consumer = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("read")),
                    Topics.HEALTH.keySerde().deserializer(), Topics.HEALTH.valueSerde().deserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    assertThat(seen).hasSize(4);
                });
            }
            assertThat(seen).extracting(ConsumerRecord::key).containsOnly("api", "worker");
            HealthReport api = seen.stream().filter(r -> r.key().equals("api")).findFirst().orElseThrow().value();
            assertThat(api.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(api.cluster()).isEqualTo("prod");
            assertThat(api.targetGroups().get(0).unhealthy()).singleElement()
                    .satisfies(t -> assertThat(t.reasonCode()).isEqualTo("Target.Timeout"));
            assertThat(seen.stream().filter(r -> r.key().equals("worker")).findFirst().orElseThrow().value().status())
                    .isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void shouldExitTwoWithoutBrokers() {
        StringWriter err = new StringWriter();
        int code = run(new HashMap<>(Map.of("ECS_CLUSTER", "prod")), err, "probe", "--count", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("KAFKA_BOOTSTRAP_SERVERS");
    }
}
