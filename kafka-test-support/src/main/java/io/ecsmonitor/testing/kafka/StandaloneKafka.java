package io.ecsmonitor.testing.kafka;

/**
 * The in-process KRaft cluster outside JUnit, for benchmarks and harnesses: the same lean brokers as
 * {@link WithKafka}, started by {@link #start(int)} and stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (StandaloneKafka kafka = StandaloneKafka.start(1)) {
 *     KafkaCluster cluster = kafka.cluster();
 *     cluster.createTopic("in", 6, 1);
 *     ...
 * }
 * }</pre>
 */
public final class StandaloneKafka implements AutoCloseable {

    private final KafkaCluster cluster;

    private StandaloneKafka(InProcessCluster running) {
        this.cluster = new KafkaCluster(running);
    }

    /** Starts a cluster of {@code brokers} brokers (the first one also the controller) and waits until it is ready. */
    public static StandaloneKafka start(int brokers) throws Exception {
        return new StandaloneKafka(InProcessCluster.start(brokers));
    }

    /** The cluster's helpers: bootstrap servers, topics, client configs. */
    public KafkaCluster cluster() {
        return cluster;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
