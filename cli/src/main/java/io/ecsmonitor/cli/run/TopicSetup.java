package io.ecsmonitor.cli.run;

import io.ecsmonitor.core.topic.Topic;
import io.ecsmonitor.core.topic.TopicCreator;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates ecs-monitor's topics at start with the configured partitions; existing ones are checked, not recreated. */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /**
     * Creates the missing topics of {@code topics} (through {@link TopicCreator}); logs a warning for an
     * existing one whose partition count differs from {@code partitions}.
     *
     * @return the names of the topics it created
     * @throws TopicCreator.TopicCreationException when Kafka does not answer or refuses a topic
     */
    public static List<String> ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replication,
                                      String bootstrapServers) {
        List<NewTopic> wanted = topics.stream()
                .map(t -> t.newTopic(singlePartition(t.name(), t.defaultPartitions()) ? 1 : partitions, replication, Optional.empty()))
                .toList();
        List<String> created = TopicCreator.createMissing(admin, wanted, bootstrapServers, TIMEOUT);
        Set<String> checked = topics.stream().map(Topic::name).filter(n -> !created.contains(n)).collect(Collectors.toSet());
        if (!checked.isEmpty()) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(checked).allTopicNames().get();
                for (TopicDescription d : descriptions.values()) {
                    if (!singlePartition(d.name(), partitions) && d.partitions().size() != partitions) {
                        LOG.warn("topic exists with other partitions name={} partitions={} configured={}; left as it is",
                                d.name(), d.partitions().size(), partitions);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("cannot describe the existing topics to check their partitions: {}", e.getCause().getMessage());
            }
        }
        return created;
    }

    /** Dead-letter topics (and topics declared with one partition) keep one partition. */
    private static boolean singlePartition(String name, int declaredPartitions) {
        return name.endsWith(".dlq") || declaredPartitions == 1;
    }
}
