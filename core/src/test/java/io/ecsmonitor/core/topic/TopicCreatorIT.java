package io.ecsmonitor.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

@WithKafka
class TopicCreatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldCreateOnlyTheMissingTopicsWithTheirPartitionsAndConfigs(KafkaCluster kafka) throws Exception {
        String existing = KafkaCluster.uniqueName("existing");
        String missing = KafkaCluster.uniqueName("missing");
        kafka.createTopic(existing, 1, 1);
        NewTopic wanted = Topics.DLQ.newTopic(3, (short) 1, java.util.Optional.of(60_000L));
        NewTopic renamed = new NewTopic(missing, wanted.numPartitions(), wanted.replicationFactor()).configs(wanted.configs());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<String> created = TopicCreator.createMissing(admin,
                    List.of(new NewTopic(existing, 5, (short) 1), renamed), kafka.bootstrapServers(), TIMEOUT);

            assertThat(created).containsExactly(missing);
            // A new topic reaches the broker's metadata a moment after the creation is acknowledged.
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                Map<String, TopicDescription> d = admin.describeTopics(List.of(existing, missing)).allTopicNames().get();
                assertThat(d.get(existing).partitions()).hasSize(1);
                assertThat(d.get(missing).partitions()).hasSize(3);
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, missing);
                assertThat(admin.describeConfigs(List.of(r)).all().get().get(r).get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo("60000");
            });
            assertThat(TopicCreator.createMissing(admin, List.of(renamed), kafka.bootstrapServers(), TIMEOUT)).isEmpty();
        }
    }

    @Test
    void shouldNameTheTopicAndTheBrokerWhenKafkaRefusesIt(KafkaCluster kafka) {
        String tooReplicated = KafkaCluster.uniqueName("too-replicated");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThatThrownBy(() -> TopicCreator.createMissing(admin, List.of(new NewTopic(tooReplicated, 1, (short) 3)),
                    kafka.bootstrapServers(), TIMEOUT))
                    .isInstanceOf(TopicCreator.TopicCreationException.class)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot create topic " + tooReplicated + " on Kafka at " + kafka.bootstrapServers());
        }
    }
}
