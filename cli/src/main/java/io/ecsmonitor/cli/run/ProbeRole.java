package io.ecsmonitor.cli.run;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.probe.HealthProbe;
import io.ecsmonitor.probe.ProbeConfig;
import io.ecsmonitor.probe.Prober;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code probe} role: the health probe of {@code ECS_CLUSTER} every {@code probe.probe.interval.ms},
 * one report per service to {@code ecs-monitor.health}. Settings: the original tool's variables, then
 * any {@link ProbeConfig} key prefixed with {@code probe.} in the run's settings.
 */
final class ProbeRole implements Role {

    /** Prefix of this role's settings in the run's configuration. */
    static final String PREFIX = "probe.";

    private volatile Prober prober;
    private volatile boolean closed;

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void start(RunContext context) {
        Map<String, Object> props;
        try {
            props = new HashMap<>(ProbeConfig.fromEnvironment(context.environment()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("the probe role: " + e.getMessage());
        }
        props.putAll(RoleSettings.prefixed(context.config().originalsAsStrings(), PREFIX));
        props.put(ProbeConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        props.put(ProbeConfig.TOPIC_CREATE_CONFIG, false);
        ProbeConfig config;
        try {
            config = new ProbeConfig(props);
        } catch (ConfigException e) {
            throw new UsageException("probe settings: " + e.getMessage());
        }
        Map<String, Object> producerSettings = new HashMap<>(context.kafkaClientSettings());
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerSettings.put(ProducerConfig.CLIENT_ID_CONFIG, context.config().applicationId() + "-prober");
        KafkaProducer<String, HealthReport> producer = new KafkaProducer<>(producerSettings,
                Topics.HEALTH.keySerde().serializer(), Topics.HEALTH.valueSerde().serializer());
        prober = new Prober(config, HealthProbe.create(config), producer);
        prober.start();
    }

    @Override
    public boolean ready() {
        return prober != null && !closed;
    }

    @Override
    public String state() {
        return closed ? "STOPPED" : prober == null ? "STARTING" : "RUNNING";
    }

    @Override
    public List<MetricSample> metrics() {
        Prober p = prober;
        if (p == null) {
            return List.of();
        }
        return List.of(
                MetricSample.counter("ecs_monitor_probe_rounds_total", "Health probes run (each covers every service)", p.probes()),
                MetricSample.counter("ecs_monitor_probe_failures_total", "Health probes that failed as a whole", p.failures()));
    }

    @Override
    public void close() {
        closed = true;
        if (prober != null) {
            prober.close();
        }
    }
}
