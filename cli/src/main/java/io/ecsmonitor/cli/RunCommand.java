package io.ecsmonitor.cli;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.cli.run.ConsumerLag;
import io.ecsmonitor.cli.run.EmbeddedKafka;
import io.ecsmonitor.cli.run.HttpApi;
import io.ecsmonitor.cli.run.MetricSample;
import io.ecsmonitor.cli.run.Role;
import io.ecsmonitor.cli.run.Roles;
import io.ecsmonitor.cli.run.RunConfig;
import io.ecsmonitor.cli.run.RunContext;
import io.ecsmonitor.cli.run.ServiceQueries;
import io.ecsmonitor.cli.run.TopicSetup;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.topic.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
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

    private final Map<String, String> env;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Runnable started = () -> { };

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
        List<Role> running = Collections.synchronizedList(new ArrayList<>());
        EmbeddedKafka embedded = null;
        HttpApi http = null;
        Admin admin = null;
        Thread hook = new Thread(stop::countDown, "ecs-monitor-shutdown");
        try {
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
            TopicSetup.ensure(admin, Topics.ALL, config.partitions(), config.replicationFactor());

            ConsumerLag lag = new ConsumerLag(admin, config.applicationId());
            String advertised = "";
            AtomicReference<ServiceQueries> queries = new AtomicReference<>();
            if (config.httpPort() >= 0) {
                http = HttpApi.start(config.httpPort(), () -> List.copyOf(running), lag::samples,
                        () -> Optional.ofNullable(queries.get()));
                advertised = config.httpHost() + ":" + http.port();
            }
            RunContext context = new RunContext(config, environment, bootstrap, advertised, queries);
            Runtime.getRuntime().addShutdownHook(hook);
            for (String name : config.roles()) {
                Role role = Roles.create(name, config);
                role.start(context);
                running.add(role);
                LOG.info("role started name={}", name);
            }
            started.run();
            stop.await();
            LOG.info("stopping");
            return EcsMonitorCommand.EXIT_OK;
        } finally {
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
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook already ran
            }
        }
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
