package io.ecsmonitor.core.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a job needs when they do not exist yet, leaving existing ones as they are. A topic
 * that another instance creates at the same moment ({@link TopicExistsException}) counts as existing.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
 *     TopicCreator.createMissing(admin, List.of(Topics.DLQ.newTopic((short) -1)), servers, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    /**
     * Creates those of {@code wanted} that do not exist.
     *
     * @param admin            the admin client
     * @param wanted           the topics with their partitions, replication and configs
     * @param bootstrapServers where Kafka is, for the error messages only
     * @param timeout          how long to wait for each answer of Kafka
     * @return the names of the topics created
     * @throws TopicCreationException when Kafka does not answer in time, refuses a topic, or the thread is
     *                                interrupted (its interrupt flag is then set again)
     */
    public static List<String> createMissing(Admin admin, Collection<NewTopic> wanted, String bootstrapServers,
                                             Duration timeout) {
        Set<String> existing = await(admin.listTopics().names(), "list the topics", bootstrapServers, timeout);
        List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        for (var e : admin.createTopics(missing).values().entrySet()) {
            try {
                await(e.getValue(), "create topic " + e.getKey(), bootstrapServers, timeout);
                created.add(e.getKey());
                LOG.info("topic created name={}", e.getKey());
            } catch (TopicCreationException failure) {
                if (!(failure.getCause() instanceof TopicExistsException)) {
                    throw failure;
                }
            }
        }
        return created;
    }

    private static <T> T await(KafkaFuture<T> future, String what, String bootstrapServers, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicCreationException("cannot " + what + " on Kafka at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicCreationException("cannot " + what + ": Kafka at " + bootstrapServers + " did not answer within "
                    + timeout.toSeconds() + " s; check the bootstrap servers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicCreationException("interrupted while waiting to " + what, e);
        }
    }

    /** Topics could not be listed or created; the message says which and why. */
    public static final class TopicCreationException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TopicCreationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
