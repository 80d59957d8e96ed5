package io.ecsmonitor.testing.kafka;

import org.junit.jupiter.api.Test;

/** The counterpart of {@link SharedClusterByFieldIT}: whichever runs second checks it got the same cluster. */
@WithKafka(brokers = 1)
class SharedClusterByParameterIT {

    @Test
    void shouldReuseTheClusterOfOtherTestClasses(KafkaCluster kafka) {
        SharedClusterWitness.assertSameClusterAsBefore(kafka);
    }
}
