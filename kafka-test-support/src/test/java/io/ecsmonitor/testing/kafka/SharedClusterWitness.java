package io.ecsmonitor.testing.kafka;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembers the first default-shape cluster a sharing test saw, so the other test class can compare. */
final class SharedClusterWitness {

    private static final AtomicReference<String> FIRST_SEEN = new AtomicReference<>();

    private SharedClusterWitness() {
    }

    static void assertSameClusterAsBefore(KafkaCluster kafka) {
        String identity = kafka.clusterId() + "@" + kafka.bootstrapServers();
        FIRST_SEEN.compareAndSet(null, identity);
        assertThat(identity).isEqualTo(FIRST_SEEN.get());
        assertThat(KafkaClusterExtension.startCount(1))
                .as("one-broker clusters started in this JVM")
                .isEqualTo(1);
    }
}
