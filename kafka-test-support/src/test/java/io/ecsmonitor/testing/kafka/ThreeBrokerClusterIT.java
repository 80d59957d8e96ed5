package io.ecsmonitor.testing.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The only multi-broker test of this module: a three-broker cluster costs a few seconds to start. */
@WithKafka(brokers = 3)
class ThreeBrokerClusterIT {

    @Test
    void shouldReplicateATopicOnAllThreeBrokers(KafkaCluster kafka) throws Exception {
        String topic = KafkaCluster.uniqueName("replicated");
        kafka.createTopic(topic, 3, 3);

        try (Admin admin = kafka.newAdminClient()) {
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(description.partitions()).hasSize(3).allSatisfy(partition -> {
                    assertThat(partition.replicas()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                    assertThat(partition.isr()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                });
            });
        }
        assertThat(KafkaClusterExtension.startCount(3)).isEqualTo(1);
    }

    @Test
    void shouldMoveLeadershipOffAStoppedBrokerAndTakeItBackIntoTheIsr(KafkaCluster kafka) throws Exception {
        String topic = KafkaCluster.uniqueName("failover");
        kafka.createTopic(topic, 1, 3, Map.of("min.insync.replicas", "2"));

        kafka.stopBroker(2);
        try (Admin admin = kafka.newAdminClient()) {
            assertThat(kafka.liveBrokerIds()).containsExactlyInAnyOrder(0, 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TopicPartitionInfo partition = onlyPartition(admin, topic);
                assertThat(partition.leader().id()).isNotEqualTo(2);
                assertThat(partition.isr()).extracting(Node::id).doesNotContain(2);
            });

            kafka.startBroker(2);
            assertThat(kafka.liveBrokerIds()).containsExactlyInAnyOrder(0, 1, 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(onlyPartition(admin, topic).isr()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2));
        }
    }

    private static TopicPartitionInfo onlyPartition(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0);
    }
}
