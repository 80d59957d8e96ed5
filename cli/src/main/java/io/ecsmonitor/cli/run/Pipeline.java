package io.ecsmonitor.cli.run;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.topic.TopicCreator;
import io.ecsmonitor.core.topic.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ecs-monitor: the Kafka cluster (given, or embedded), its topics, the HTTP endpoint and
 * the roles of the configuration. {@code run}, {@code demo} and {@code replay} all start one.
 * Closing it stops the roles in reverse order (committing their in-flight work), then the endpoint
 * and the embedded broker.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final List<Role> running = Collections.synchronizedList(new ArrayList<>());
    private EmbeddedKafka embedded;
    private HttpApi http;
    private Admin admin;
    private RunContext context;

    private Pipeline() {
    }

    /**
     * Starts everything {@code config} asks for.
     *
     * @throws UsageException for a setting to fix (a port in use, a missing variable a role needs)
     */
    public static Pipeline start(RunConfig config, EcsEnvironment environment) throws InterruptedException {
        Pipeline p = new Pipeline();
        try {
            p.startAll(config, environment);
            return p;
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    private void startAll(RunConfig config, EcsEnvironment environment) throws InterruptedException {
        String bootstrap = config.bootstrapServers();
        if (bootstrap.isEmpty()) {
            try {
                embedded = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.embeddedPort());
            } catch (IllegalStateException e) {
                throw new UsageException(e.getMessage());
            }
            bootstrap = embedded.bootstrapServers();
        }
        LOG.info("configuration {}", config.masked());
        Map<String, Object> adminSettings = new HashMap<>(config.kafkaClientSettings());
        adminSettings.put("bootstrap.servers", bootstrap);
        admin = Admin.create(adminSettings);
        try {
            TopicSetup.ensure(admin, Topics.ALL, config.partitions(), config.replicationFactor(), bootstrap);
        } catch (TopicCreator.TopicCreationException e) {
            throw new UsageException(e.getMessage() + "; check KAFKA_BOOTSTRAP_SERVERS and the client's permissions");
        }
        ConsumerLag lag = new ConsumerLag(admin, config.applicationId());
        AtomicReference<ServiceQueries> queries = new AtomicReference<>();
        String advertised = "";
        if (config.httpPort() >= 0) {
            try {
                http = HttpApi.start(config.httpPort(), () -> List.copyOf(running), lag::samples,
                        () -> Optional.ofNullable(queries.get()));
            } catch (IllegalStateException e) {
                throw new UsageException(e.getMessage());
            }
            advertised = config.httpHost() + ":" + http.port();
        }
        context = new RunContext(config, environment, bootstrap, advertised, queries);
        for (String name : config.roles()) {
            Role role = Roles.create(name, config);
            try {
                role.start(context);
            } catch (RuntimeException e) {
                role.close();
                throw e;
            } catch (Exception e) {
                role.close();
                throw new IllegalStateException("role " + name + " did not start: " + e.getMessage(), e);
            }
            running.add(role);
            LOG.info("role started name={}", name);
        }
    }

    /** What the roles share. */
    public RunContext context() {
        return context;
    }

    /** {@code host:port} of the Kafka cluster. */
    public String bootstrapServers() {
        return context.bootstrapServers();
    }

    /** The HTTP endpoint's port; empty when it is off. */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(http).map(HttpApi::port);
    }

    /** The running roles. */
    public List<Role> roles() {
        return List.copyOf(running);
    }

    /** True when every role is ready. */
    public boolean ready() {
        List<Role> roles = roles();
        return !roles.isEmpty() && roles.stream().allMatch(Role::ready);
    }

    @Override
    public void close() {
        List<Role> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (Role r : reversed) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.warn("role did not stop cleanly name={}", r.name(), e);
            }
        }
        running.clear();
        if (http != null) {
            http.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
