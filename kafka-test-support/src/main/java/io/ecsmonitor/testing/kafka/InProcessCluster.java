package io.ecsmonitor.testing.kafka;

import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** KRaft brokers in this JVM, run by Kafka's own {@link KafkaClusterTestKit}. */
final class InProcessCluster implements RunningCluster {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessCluster.class);
    private static final Object CONSOLE_LOCK = new Object();

    private final KafkaClusterTestKit testKit;

    private InProcessCluster(KafkaClusterTestKit testKit) {
        this.testKit = testKit;
    }

    static InProcessCluster start(int brokers) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder(productionBootstrapMetadata())
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(brokers)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        LeanBrokerConfig.forBrokers(brokers).forEach(builder::setConfigProp);
        // The test kit turns unreleased protocol versions on; production brokers have them off.
        builder.setConfigProp("unstable.api.versions.enable", "false");
        builder.setConfigProp("unstable.feature.versions.enable", "false");
        KafkaClusterTestKit testKit = builder.build();
        try {
            formatWithoutConsoleOutput(testKit);
            testKit.startup();
            testKit.waitForReadyBrokers();
            return new InProcessCluster(testKit);
        } catch (Exception | Error e) {
            closeQuietly(testKit, e);
            throw e;
        }
    }

    /**
     * Formats the storage directories. Kafka's storage formatter prints to whatever {@code System.out} is when it
     * is created, on the test kit's own threads, where the test runner does not capture it; so for the moment
     * of formatting, {@code System.out} collects those lines and they go to the DEBUG log instead.
     */
    private static void formatWithoutConsoleOutput(KafkaClusterTestKit testKit) throws Exception {
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        synchronized (CONSOLE_LOCK) {
            PrintStream console = System.out;
            System.setOut(new PrintStream(formatterOutput, true, StandardCharsets.UTF_8));
            try {
                testKit.format();
            } finally {
                System.setOut(console);
            }
        }
        LOG.debug("Kafka storage formatted output=\"{}\"", formatterOutput.toString(StandardCharsets.UTF_8).trim());
    }

    /** The metadata version and feature levels of a released broker, not the test kit's unreleased ones. */
    private static BootstrapMetadata productionBootstrapMetadata() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version),
                        (first, second) -> first, TreeMap::new));
        return BootstrapMetadata.fromVersions(version, features, "ecs-monitor-kafka-test-support");
    }

    @Override
    public String bootstrapServers() {
        return testKit.bootstrapServers();
    }

    @Override
    public List<Integer> brokerIds() {
        return List.copyOf(testKit.nodes().brokerNodes().keySet());
    }

    @Override
    public void stopBroker(int brokerId) {
        broker(brokerId).shutdown();
    }

    @Override
    public void startBroker(int brokerId) {
        broker(brokerId).startup();
    }

    private BrokerServer broker(int brokerId) {
        BrokerServer broker = testKit.brokers().get(brokerId);
        if (broker == null) {
            throw new IllegalArgumentException("No broker with id " + brokerId + "; the brokers are " + brokerIds());
        }
        return broker;
    }

    @Override
    public String describe() {
        return "in-process KRaft cluster (" + brokerIds().size() + " broker(s), base directory "
                + testKit.nodes().baseDirectory() + ")";
    }

    @Override
    public void close() throws Exception {
        testKit.close();
    }

    private static void closeQuietly(KafkaClusterTestKit testKit, Throwable cause) {
        try {
            testKit.close();
        } catch (Exception closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }
}
