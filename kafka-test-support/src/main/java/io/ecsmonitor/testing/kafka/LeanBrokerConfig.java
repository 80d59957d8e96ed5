package io.ecsmonitor.testing.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/** Broker settings that make a test cluster start and rebalance fast without changing client-visible semantics. */
final class LeanBrokerConfig {

    private LeanBrokerConfig() {
    }

    static Map<String, String> forBrokers(int brokers) {
        String replication = Integer.toString(brokers);
        // Two in-sync replicas when there are enough brokers, so fault tests see real min.isr behaviour.
        String minIsr = Integer.toString(Math.min(brokers, 2));
        Map<String, String> config = new LinkedHashMap<>();
        // Consumers and Streams should not wait 3 s for more members before the first assignment.
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("group.streams.initial.rebalance.delay.ms", "0");
        // The internal topics default to rf=3 and 50 partitions; one partition each is plenty for tests.
        config.put("offsets.topic.replication.factor", replication);
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", replication);
        config.put("transaction.state.log.min.isr", minIsr);
        config.put("transaction.state.log.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", replication);
        config.put("share.coordinator.state.topic.min.isr", minIsr);
        config.put("share.coordinator.state.topic.num.partitions", "1");
        // As on MSK by default: topics exist because someone created them, not because a client asked.
        config.put("auto.create.topics.enable", "false");
        if (brokers > 1) {
            // A restarted broker may register again only when its old session has expired (9 s by default).
            config.put("broker.heartbeat.interval.ms", "500");
            config.put("broker.session.timeout.ms", "3000");
        }
        return config;
    }
}
