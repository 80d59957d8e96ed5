package io.ecsmonitor.cli.run;

import io.ecsmonitor.core.topic.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates ecs-monitor's topics at start with the configured partitions; existing ones are checked, not recreated. */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /**
     * Creates the missing topics of {@code topics}; logs a warning for an existing one whose partition
     * count differs from {@code partitions}.
     *
     * @return the names of the topics it created
     */
    public static List<String> ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replication)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> t : topics) {
            if (!existing.contains(t.name())) {
                int p = t.name().endsWith(".dlq") || t.defaultPartitions() == 1 ? 1 : partitions;
                missing.add(t.newTopic(p, replication, Optional.empty()));
            }
        }
        List<String> created = new ArrayList<>();
        for (NewTopic n : missing) {
            try {
                admin.createTopics(List.of(n)).all().get();
                created.add(n.name());
                LOG.info("topic created name={} partitions={} replication={}", n.name(), n.numPartitions(), replication);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        List<String> checked = topics.stream().map(Topic::name).filter(existing::contains).toList();
        if (!checked.isEmpty()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(checked).allTopicNames().get();
            for (TopicDescription d : descriptions.values()) {
                boolean single = d.name().endsWith(".dlq");
                if (!single && d.partitions().size() != partitions) {
                    LOG.warn("topic exists with other partitions name={} partitions={} configured={}; left as it is",
                            d.name(), d.partitions().size(), partitions);
                }
            }
        }
        return created;
    }
}
