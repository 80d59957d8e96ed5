package io.ecsmonitor.cli.run;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.ingest.worker.IngestWorker;
import io.ecsmonitor.ingest.worker.IngestWorkerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code ingest} role: a Kafka Connect worker in distributed mode inside this process, running the
 * Kinesis connector when {@code ECS_KINESIS_STREAM} is set and the FilterLogEvents poller otherwise.
 * Every instance with the same {@code ingest.group.id} joins one Connect cluster and shares the tasks.
 * Settings: the environment variables of {@link IngestWorkerConfig#fromEnvironment}, then any key of
 * {@link IngestWorkerConfig} ({@code ingest.*}, {@code worker.*}, {@code connector.*}) in the run's settings.
 */
final class IngestRole implements Role {

    private volatile IngestWorker worker;
    private volatile boolean closed;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public void start(RunContext context) {
        Map<String, String> env = new HashMap<>(context.config().originalsAsStrings());
        env.put(IngestWorkerConfig.BOOTSTRAP_ENV, context.bootstrapServers());
        IngestWorkerConfig fromEnv;
        try {
            fromEnv = IngestWorkerConfig.fromEnvironment(env);
        } catch (IllegalArgumentException | ConfigException e) {
            throw new UsageException("the ingest role: " + e.getMessage());
        }
        Map<String, String> props = new HashMap<>(fromEnv.originalsStrings());
        context.config().originalsAsStrings().forEach((k, v) -> {
            if (k.startsWith("ingest.") || k.startsWith(IngestWorkerConfig.WORKER_PREFIX)
                    || k.startsWith(IngestWorkerConfig.CONNECTOR_PREFIX)) {
                props.put(k, v);
            }
        });
        // Security settings reach the worker's own clients and the connectors' producers.
        context.config().kafkaClientSettings().forEach((k, v) -> {
            props.putIfAbsent(IngestWorkerConfig.WORKER_PREFIX + k, String.valueOf(v));
            props.putIfAbsent(IngestWorkerConfig.WORKER_PREFIX + "producer." + k, String.valueOf(v));
            props.putIfAbsent(IngestWorkerConfig.WORKER_PREFIX + "consumer." + k, String.valueOf(v));
            props.putIfAbsent(IngestWorkerConfig.WORKER_PREFIX + "admin." + k, String.valueOf(v));
        });
        try {
            worker = IngestWorker.start(new IngestWorkerConfig(props));
        } catch (ConfigException e) {
            throw new UsageException("ingest settings: " + e.getMessage());
        }
    }

    @Override
    public boolean ready() {
        return worker != null && !closed;
    }

    @Override
    public String state() {
        return closed ? "STOPPED" : worker == null ? "STARTING" : "RUNNING";
    }

    @Override
    public List<MetricSample> metrics() {
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.close();
        }
    }
}
