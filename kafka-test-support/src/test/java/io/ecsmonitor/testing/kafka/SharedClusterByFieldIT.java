package io.ecsmonitor.testing.kafka;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sees the cluster through fields; {@link SharedClusterByParameterIT} through parameters. Both see the same one. */
@WithKafka
class SharedClusterByFieldIT {

    private static KafkaCluster kafkaBeforeAll;
    private KafkaCluster kafka;

    @BeforeAll
    static void staticFieldIsInjectedBeforeBeforeAll() {
        assertThat(kafkaBeforeAll).isNotNull();
    }

    @Test
    void shouldReuseTheClusterOfOtherTestClasses() {
        assertThat(kafka).isSameAs(kafkaBeforeAll);
        SharedClusterWitness.assertSameClusterAsBefore(kafka);
    }
}
