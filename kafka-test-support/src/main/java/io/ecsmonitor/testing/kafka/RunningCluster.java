package io.ecsmonitor.testing.kafka;

import java.util.List;

/** What a backend provides; everything else {@link KafkaCluster} builds on top through the Admin API. */
interface RunningCluster {

    String bootstrapServers();

    List<Integer> brokerIds();

    /** Shuts the broker down cleanly; throws {@link UnsupportedOperationException} where the backend cannot. */
    void stopBroker(int brokerId);

    /** Starts a broker stopped by {@link #stopBroker}, without waiting for it to rejoin. */
    void startBroker(int brokerId);

    String describe();

    void close() throws Exception;
}
