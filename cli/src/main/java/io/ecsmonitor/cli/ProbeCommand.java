package io.ecsmonitor.cli;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.probe.ProbeConfig;
import io.ecsmonitor.probe.Prober;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecs-monitor probe}: the scheduled health probe. Every interval it probes the cluster and
 * produces one report per service to the compacted topic {@code ecs-monitor.health}.
 */
@Command(name = "probe",
        description = {"Probes ECS_CLUSTER every interval and produces one health report per service to Kafka "
                + "(topic ecs-monitor.health, compacted, key: service; _endpoints for the domain and endpoint checks).",
                "Environment: ECS_CLUSTER (required), ECS_REGION, ECS_DOMAIN, ECS_SERVICES, ECS_HTTP_ENDPOINTS, KAFKA_BOOTSTRAP_SERVERS.",
                "Runs until stopped (Ctrl-C, SIGTERM) or --count probes are done."},
        mixinStandardHelpOptions = true)
public final class ProbeCommand implements Callable<Integer> {

    /** The variable that names the brokers when --bootstrap-servers is not given. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: $" + BOOTSTRAP_ENV + ").")
    String bootstrapServers;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds between the starts of two probes (default: ${DEFAULT-VALUE}).")
    long intervalSeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N probes; 0 runs until stopped (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topic to produce to (default: ecs-monitor.health); created compacted when missing.")
    String topic;

    @Mixin
    ProbeOptions probeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment read; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0) {
            throw new UsageException("--count must be 0 or more, got " + count);
        }
        ProbeConfig config;
        try {
            EcsEnvironment environment = EcsEnvironment.from(env);
            Map<String, Object> props = ProbeConfig.fromEnvironment(environment);
            probeOptions.applyTo(props);
            String servers = bootstrapServers != null ? bootstrapServers : env.get(BOOTSTRAP_ENV);
            if (servers == null || servers.isBlank()) {
                throw new UsageException("no Kafka brokers: set " + BOOTSTRAP_ENV + " or --bootstrap-servers, like localhost:9092");
            }
            props.put(ProbeConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            props.put(ProbeConfig.INTERVAL_MS_CONFIG, Duration.ofSeconds(intervalSeconds).toMillis());
            if (topic != null) {
                props.put(ProbeConfig.TOPIC_CONFIG, topic);
            }
            config = new ProbeConfig(props);
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage().replace(ProbeConfig.INTERVAL_MS_CONFIG, "--interval (in ms)"));
        }
        Prober prober;
        try {
            prober = Prober.create(config);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            prober.close();
            stopped.countDown();
        }, "probe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            prober.start(count);
            if (count > 0) {
                prober.awaitRounds(count, config.interval().multipliedBy(count + 1).plusMinutes(5));
            } else {
                stopped.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                prober.close();
            } catch (IllegalStateException shuttingDown) {
                stopped.await();
            }
        }
        spec.commandLine().getErr().printf("ecs-monitor probe: %d probe(s), %d failure(s)%n", prober.probes(), prober.failures());
        return prober.failures() == 0 ? EcsMonitorCommand.EXIT_OK : EcsMonitorCommand.EXIT_FINDINGS;
    }
}
