package io.ecsmonitor.cli;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.cli.run.Pipeline;
import io.ecsmonitor.cli.run.RunConfig;
import io.ecsmonitor.core.config.EcsEnvironment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecs-monitor run}: the long-running app, every role or a subset, on a Kafka cluster or an embedded broker. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline: ingest, the classifier and diagnosis topologies, the health probe and the alert sinks.",
                "Without KAFKA_BOOTSTRAP_SERVERS it starts an embedded Kafka broker with its data under --data-dir/kafka.",
                "Stops gracefully on SIGTERM or Ctrl-C: in-flight work is committed."})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--roles", split = ",", paramLabel = "ROLE",
            description = "Roles to run, comma-separated: ingest, streams, probe, sinks (default: all).")
    List<String> roles;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings; environment variables override it.")
    Path configFile;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP endpoint port (default 8080; 0 any free port; -1 off).")
    Integer httpPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded broker and the Streams state live (default ./data).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Port of the embedded broker (default 9092; 0 any free port).")
    Integer kafkaPort;

    /** How long SIGTERM waits for the roles to commit and stop. */
    private static final long SHUTDOWN_WAIT_SECONDS = 60;

    private final Map<String, String> env;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Runnable started = () -> { };
    private volatile Pipeline pipeline;

    public RunCommand() {
        this(System.getenv());
    }

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    /** For tests: called once every role runs. */
    void onStarted(Runnable r) {
        this.started = r;
    }

    /** For tests: stops a run as SIGTERM would. */
    void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws Exception {
        RunConfig config = resolveConfig();
        EcsEnvironment environment;
        try {
            environment = EcsEnvironment.from(config.originalsAsStrings());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: let the main thread close the pipeline (committing in-flight work) before the JVM halts.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ecs-monitor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Pipeline pipeline = Pipeline.start(config, environment)) {
            this.pipeline = pipeline;
            started.run();
            stop.await();
            LOG.info("stopping");
            return EcsMonitorCommand.EXIT_OK;
        } finally {
            this.pipeline = null;
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook already ran
            }
        }
    }

    /** The running pipeline, for tests; null when not running. */
    Pipeline pipeline() {
        return pipeline;
    }

    private RunConfig resolveConfig() {
        Map<String, String> file = new HashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new UsageException("cannot read --config " + configFile + ": " + e.getMessage()
                        + "; give a readable properties file");
            }
            p.stringPropertyNames().forEach(k -> file.put(k, p.getProperty(k).trim()));
        }
        Map<String, String> merged = new HashMap<>(env);
        if (roles != null) {
            merged.put("ECS_MONITOR_ROLES", String.join(",", roles));
        }
        if (httpPort != null) {
            merged.put("ECS_MONITOR_HTTP_PORT", httpPort.toString());
        }
        if (dataDir != null) {
            merged.put("ECS_MONITOR_DATA_DIR", dataDir.toString());
        }
        if (kafkaPort != null) {
            file.put(RunConfig.EMBEDDED_PORT_CONFIG, kafkaPort.toString());
        }
        try {
            return RunConfig.resolve(file, merged);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage() + "; see 'ecs-monitor run --help' and the README's configuration table");
        }
    }

}
