package io.ecsmonitor.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.awsfakes.AwsFault;
import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.ElbV2Fake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduled prober against the fakes, producing to a real broker. */
@WithKafka
class ProberIT {

    @BeforeAll
    static void credentials() {
        FakeAws.useFakeCredentials();
    }

    @Test
    void shouldProduceAReportPerServiceEveryIntervalToTheCompactedTopic(KafkaCluster kafka) throws Exception {
        String topic = KafkaCluster.uniqueName("health");
        try (FakeAws aws = FakeAws.start()) {
            EcsFake ecs = new EcsFake();
            ElbV2Fake elb = new ElbV2Fake();
            aws.register(ecs).register(elb);
            ElbV2Fake.TargetGroup tg = elb.targetGroup("api-tg", 8080).target("10.0.1.5", 8080, "healthy");
            EcsFake.Deployment api = ecs.cluster("prod").service("api").counts(1, 1, 0).loadBalancer(tg.arn(), "app", 8080)
                    .deployment("ecs-svc/1", "PRIMARY", "api:3").counts(1, 1, 0);
            ecs.cluster("prod").service("worker").counts(2, 0, 0);

            ProbeConfig config = new ProbeConfig(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod",
                    ProbeConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProbeConfig.TOPIC_CONFIG, topic,
                    ProbeConfig.INTERVAL_MS_CONFIG, 1000, ProbeConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString()));
            List<ConsumerRecord<String, HealthReport>> seen = new CopyOnWriteArrayList<>();
            try (Prober prober = Prober.create(config);
                 KafkaConsumer<String, HealthReport> consumer = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("read")),
                         Topics.HEALTH.keySerde().deserializer(), Topics.HEALTH.valueSerde().deserializer())) {
                prober.start();
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    assertThat(seen).extracting(ConsumerRecord::key).contains("api", "worker");
                });
                ConsumerRecord<String, HealthReport> worker = seen.stream().filter(r -> r.key().equals("worker")).findFirst().orElseThrow();
                assertThat(worker.value().status()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(worker.value().findings().get(0).code()).isEqualTo("no_tasks_running");
                HealthReport firstApi = seen.stream().filter(r -> r.key().equals("api")).findFirst().orElseThrow().value();
                assertThat(firstApi.status()).isEqualTo(HealthStatus.HEALTHY);
                assertThat(firstApi.targetGroups().get(0).states()).containsEntry("healthy", 1);

                // A probe that started before the change may read the services after it, so the report with the
                // delta can carry a probedAt earlier than the change: the delta alone tells the reports apart.
                api.failedTasks(2);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    assertThat(seen).filteredOn(r -> r.key().equals("api")
                                    && r.value().ecs().deployments().get(0).failedTasksDelta() == 2)
                            .hasSize(1);
                });
                assertThat(prober.probes()).isGreaterThanOrEqualTo(2);
                assertThat(prober.failures()).isZero();
            }
            try (Admin admin = kafka.newAdminClient()) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config c = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }

    @Test
    void shouldTombstoneAServiceGoneFromTheClusterAlsoWhenItWentWhileTheProberWasDown(KafkaCluster kafka) throws Exception {
        String topic = KafkaCluster.uniqueName("health");
        try (FakeAws aws = FakeAws.start()) {
            EcsFake ecs = new EcsFake();
            aws.register(ecs).register(new ElbV2Fake());
            ecs.cluster("prod").service("api").counts(1, 1, 0);
            ecs.cluster("prod").service("worker").counts(1, 1, 0);
            ecs.cluster("prod").service("batch").counts(1, 1, 0);
            ProbeConfig config = new ProbeConfig(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod",
                    ProbeConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProbeConfig.TOPIC_CONFIG, topic,
                    ProbeConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString()));
            try (Prober prober = Prober.create(config)) {
                prober.probeOnce();
                ecs.cluster("prod").removeService("worker");
                assertThat(prober.probeOnce()).extracting(HealthReport::service).containsExactly("api", "batch");
                assertThat(prober.tombstones()).isEqualTo(1);
                // Listing failing says nothing about which services exist: nothing is deleted.
                aws.failNext("ListServices", 1, AwsFault.accessDenied("AccessDeniedException", "ecs:ListServices"));
                assertThat(prober.probeOnce()).extracting(HealthReport::service).contains(HealthReport.CLUSTER_KEY);
                assertThat(prober.tombstones()).isEqualTo(1);
            }
            // Deleted while no prober ran: the next prober finds its report on the topic and deletes it.
            ecs.cluster("prod").removeService("batch");
            try (Prober prober = Prober.create(config)) {
                prober.probeOnce();
                assertThat(prober.tombstones()).isEqualTo(2); // batch, and the cluster report of the failed listing
            }
            Map<String, HealthReport> latest = new java.util.HashMap<>();
            try (KafkaConsumer<String, HealthReport> consumer = new KafkaConsumer<>(kafka.consumerConfig(KafkaCluster.uniqueName("read")),
                    Topics.HEALTH.keySerde().deserializer(), Topics.HEALTH.valueSerde().deserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                    assertThat(latest).containsKeys("api", "worker", "batch", HealthReport.CLUSTER_KEY);
                    assertThat(latest.get("worker")).isNull();
                    assertThat(latest.get("batch")).isNull();
                    assertThat(latest.get(HealthReport.CLUSTER_KEY)).isNull();
                });
                assertThat(latest.get("api")).isNotNull();
            }
        }
    }
}
