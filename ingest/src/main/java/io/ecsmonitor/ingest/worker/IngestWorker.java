package io.ecsmonitor.ingest.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsmonitor.core.topic.Topic;
import io.ecsmonitor.core.topic.TopicCreator;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.ingest.connect.CommonConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ingest} role: a Kafka Connect worker in distributed mode inside this process (offsets,
 * configs and status in Kafka topics, a REST listener other workers forward to), which creates or
 * updates ecs-monitor's connector from {@link IngestWorkerConfig}. Instances with the same group id
 * form one Connect cluster and share the tasks; a lost instance's tasks move after
 * {@value IngestWorkerConfig#REBALANCE_DELAY_CONFIG}.
 *
 * <pre>{@code
 * try (IngestWorker worker = IngestWorker.start(IngestWorkerConfig.fromEnvironment(System.getenv()))) {
 *     worker.awaitStop();
 * }
 * }</pre>
 */
public final class IngestWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestWorkerConfig config;
    private final Connect<DistributedHerder> connect;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CompletableFuture<Void> applied = new CompletableFuture<>();
    private final Thread applier;
    private volatile boolean closed;

    private IngestWorker(IngestWorkerConfig config) {
        this.config = config;
        createTopics();
        this.connect = new ConnectDistributed().startConnect(config.workerProps());
        LOG.info("ingest worker started group={} rest={} connector={} ({})", config.workerProps().get("group.id"), restUrl(),
                config.connectorName(), config.kinesis() ? "kinesis" : "poll");
        this.applier = new Thread(this::applyUntilDone, "ingest-connector-apply");
        applier.setDaemon(true);
        applier.start();
    }

    /** Starts a worker; it joins its Connect cluster and applies the connector configuration in the background. */
    public static IngestWorker start(IngestWorkerConfig config) {
        return new IngestWorker(config);
    }

    /** The worker's REST endpoint. */
    public URI restUrl() {
        return connect.rest().advertisedUrl();
    }

    /** The connector's name. */
    public String connectorName() {
        return config.connectorName();
    }

    /** Waits until this instance has written the connector configuration (through the cluster's leader). */
    public void awaitConnectorApplied(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            applied.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** GET on the worker's REST API, for status: the body, or an exception when the status is not 2xx. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(restUrl().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Blocks until the worker stops. */
    public void awaitStop() {
        connect.awaitStop();
    }

    private void createTopics() {
        List<NewTopic> wanted = new ArrayList<>();
        Map<String, String> connector = config.connectorConfig();
        for (Topic<?, ?> t : List.of(Topics.LOGS_RAW, Topics.DLQ)) {
            NewTopic n = t.newTopic(config.replicationFactor());
            String name = t == Topics.LOGS_RAW ? connector.getOrDefault(CommonConfig.TOPIC_CONFIG, t.name())
                    : connector.getOrDefault(CommonConfig.DLQ_TOPIC_CONFIG, t.name());
            wanted.add(new NewTopic(name, n.numPartitions(), n.replicationFactor()).configs(n.configs()));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            TopicCreator.createMissing(admin, wanted, config.bootstrapServers(), Duration.ofSeconds(30));
        }
    }

    /** PUT /connectors/{name}/config until it is accepted: the worker must first join the cluster (409 meanwhile). */
    private void applyUntilDone() {
        long delay = 500;
        while (!closed) {
            try {
                String body = JSON.writeValueAsString(config.connectorConfig());
                HttpRequest put = HttpRequest.newBuilder(restUrl().resolve("/connectors/" + config.connectorName() + "/config"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    LOG.info("connector {} created or updated", config.connectorName());
                    applied.complete(null);
                    return;
                }
                if (r.statusCode() == 400 || r.statusCode() == 422) {
                    applied.completeExceptionally(new IllegalArgumentException("the connector configuration was refused: " + r.body()));
                    LOG.error("connector {} configuration refused: {}", config.connectorName(), r.body());
                    return;
                }
                LOG.debug("connector configuration not applied yet ({}): {}", r.statusCode(), r.body());
            } catch (IOException e) {
                LOG.debug("connector configuration not applied yet: {}", e.toString());
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = Math.min(delay * 2, 5_000);
        }
    }

    /** Stops the worker: its tasks stop, commit their offsets, and move to the other instances. */
    @Override
    public void close() {
        closed = true;
        applier.interrupt();
        connect.stop();
        connect.awaitStop();
        LOG.info("ingest worker stopped");
    }
}
