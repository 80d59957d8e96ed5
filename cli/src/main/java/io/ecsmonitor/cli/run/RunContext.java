package io.ecsmonitor.cli.run;

import io.ecsmonitor.core.config.EcsEnvironment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What every role of a run shares: the resolved settings, the original tool's environment, the Kafka
 * cluster (embedded or not) and the HTTP endpoint's advertised address.
 */
public final class RunContext {

    private final RunConfig config;
    private final EcsEnvironment environment;
    private final String bootstrapServers;
    private final String advertisedHttp;
    private final AtomicReference<ServiceQueries> queries;

    public RunContext(RunConfig config, EcsEnvironment environment, String bootstrapServers, String advertisedHttp,
                      AtomicReference<ServiceQueries> queries) {
        this.queries = queries;
        this.config = config;
        this.environment = environment;
        this.bootstrapServers = bootstrapServers;
        this.advertisedHttp = advertisedHttp;
    }

    public RunConfig config() {
        return config;
    }

    public EcsEnvironment environment() {
        return environment;
    }

    /** {@code host:port,...} of the Kafka cluster. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code host:port} of this instance's HTTP endpoint, for Kafka Streams' {@code application.server}; empty when off. */
    public String advertisedHttp() {
        return advertisedHttp;
    }

    /** Kafka client settings: bootstrap servers plus every security/TLS/SASL setting given. */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> out = new HashMap<>(config.kafkaClientSettings());
        out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return out;
    }

    /** Lets the streams role answer {@code /api/services}. */
    public void publish(ServiceQueries serviceQueries) {
        queries.set(serviceQueries);
    }

    /** What answers {@code /api/services}, once a role published it. */
    public Optional<ServiceQueries> serviceQueries() {
        return Optional.ofNullable(queries.get());
    }
}
