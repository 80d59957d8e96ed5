package io.ecsmonitor.testing.kafka;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;
import java.util.Locale;

/**
 * One {@code apache/kafka} broker in a container. Testcontainers is an optional dependency: this is the only
 * class that touches it, and it is loaded only when {@link KafkaBackend#TESTCONTAINERS} is chosen.
 */
final class TestcontainersCluster implements RunningCluster {

    /** Overrides the image, e.g. {@code apache/kafka:4.1.0}; by default the image of the kafka-clients version. */
    static final String IMAGE_SETTING = "ECS_MONITOR_TEST_KAFKA_IMAGE";

    private static final int BROKER_ID = 1;

    private final KafkaContainer container;

    private TestcontainersCluster(KafkaContainer container) {
        this.container = container;
    }

    static RunningCluster start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(KafkaBackend.SETTING + "=" + KafkaBackend.TESTCONTAINERS.settingValue()
                    + " but Testcontainers found no reachable Docker engine; start Docker (or set DOCKER_HOST),"
                    + " or unset " + KafkaBackend.SETTING + " to use the in-process cluster");
        }
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image())
                .asCompatibleSubstituteFor("apache/kafka"));
        // The apache/kafka image turns KAFKA_A_B_C into the broker setting a.b.c.
        LeanBrokerConfig.forBrokers(1).forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        container.start();
        return new TestcontainersCluster(container);
    }

    private static String image() {
        String image = System.getProperty(IMAGE_SETTING);
        if (image == null) {
            image = System.getenv(IMAGE_SETTING);
        }
        return image == null || image.isBlank() ? "apache/kafka:" + AppInfoParser.getVersion() : image.trim();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public List<Integer> brokerIds() {
        return List.of(BROKER_ID);
    }

    @Override
    public void stopBroker(int brokerId) {
        throw brokerRestartsUnsupported();
    }

    @Override
    public void startBroker(int brokerId) {
        throw brokerRestartsUnsupported();
    }

    private static UnsupportedOperationException brokerRestartsUnsupported() {
        return new UnsupportedOperationException("The Testcontainers backend runs a single broker that cannot be"
                + " stopped and restarted; run fault tests with @WithKafka(brokers = 3), which runs in-process");
    }

    @Override
    public String describe() {
        return "Testcontainers broker (" + container.getDockerImageName() + ")";
    }

    @Override
    public void close() {
        container.stop();
    }
}
