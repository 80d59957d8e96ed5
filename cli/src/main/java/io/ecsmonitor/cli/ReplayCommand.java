package io.ecsmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.cli.replay.ReplayReader;
import io.ecsmonitor.cli.run.ConsumerLag;
import io.ecsmonitor.cli.run.Pipeline;
import io.ecsmonitor.cli.run.RawEvents;
import io.ecsmonitor.cli.run.RunConfig;
import io.ecsmonitor.cli.run.ServiceQueries;
import io.ecsmonitor.cli.run.ServiceTotals;
import io.ecsmonitor.cli.run.TopicSetup;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.core.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ecs-monitor replay}: exported logs through the same pipeline. With {@code KAFKA_BOOTSTRAP_SERVERS}
 * the events go to the raw topic of that cluster, for the pipeline running there; without it, an
 * embedded pipeline classifies and diagnoses them here and prints a summary per service.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays exported CloudWatch logs through the pipeline: the JSON of 'aws logs filter-log-events',",
                "JSON lines (one event per line), or CloudWatch subscription payloads as Kinesis carries them (gzip,",
                "or the JSON of 'aws kinesis get-records'). Service names come from the log group (ECS_LOG_PATTERN) or --service."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event was replayed (and, embedded, no service is WARNING or CRITICAL)",
                "1:embedded: a service is WARNING or CRITICAL",
                "2:a file cannot be read or replayed (named with the line), or a bad flag"})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Exported log files.")
    List<Path> files;

    @Option(names = "--service", paramLabel = "NAME", description = "Service of events whose log group does not name one.")
    String service;

    @Option(names = "--log-group", paramLabel = "GROUP", description = "Log group of events that carry none (filter-log-events output).")
    String logGroup;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Embedded: longest wait for the pipeline to process the events (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Map<String, String> env;

    ReplayCommand() {
        this(System.getenv());
    }

    ReplayCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EcsEnvironment environment;
        try {
            environment = EcsEnvironment.from(env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReplayReader reader = new ReplayReader(new ReplayReader.Defaults(Optional.ofNullable(service), Optional.ofNullable(logGroup),
                environment.cluster(), environment.logPattern()));
        List<LogEvent> events;
        try {
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    throw new NoSuchFileException(f + " (no such file or not readable)");
                }
            }
            events = reader.readAll(files);
        } catch (IOException e) {
            throw new UsageException("cannot replay " + e.getMessage());
        }
        String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "").trim();
        if (!bootstrap.isEmpty()) {
            RunConfig config = RunConfig.resolve(Map.of(), env);
            Map<String, Object> clients = new HashMap<>(config.kafkaClientSettings());
            clients.put("bootstrap.servers", bootstrap);
            try (Admin admin = Admin.create(clients)) {
                TopicSetup.ensure(admin, List.of(Topics.LOGS_RAW), config.partitions(), config.replicationFactor(), bootstrap);
            }
            long sent = RawEvents.send(clients, events);
            out.printf("replayed %d events from %d file(s) to %s at %s%n", sent, files.size(), Topics.LOGS_RAW.name(), bootstrap);
            out.flush();
            return EcsMonitorCommand.EXIT_OK;
        }
        return replayEmbedded(out, err, events, environment);
    }

    private int replayEmbedded(PrintWriter out, PrintWriter err, List<LogEvent> events, EcsEnvironment environment) throws Exception {
        Path dir = Files.createTempDirectory("ecs-monitor-replay");
        Map<String, String> settings = new HashMap<>();
        settings.put(RunConfig.ROLES_CONFIG, "streams");
        settings.put(RunConfig.HTTP_PORT_CONFIG, "-1");
        settings.put(RunConfig.DATA_DIR_CONFIG, dir.toString());
        settings.put(RunConfig.EMBEDDED_PORT_CONFIG, "0");
        // One partition keeps an export in its event-time order all the way to the windows.
        settings.put(RunConfig.PARTITIONS_CONFIG, "1");
        settings.put(RunConfig.APPLICATION_ID_CONFIG, "ecs-monitor-replay");
        settings.put("streams.commit.interval.ms", "100");
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.remove("KAFKA_BOOTSTRAP_SERVERS");
        RunConfig config = RunConfig.resolve(settings, runEnv);
        try (Pipeline pipeline = Pipeline.start(config, environment)) {
            Map<String, Object> clients = new HashMap<>(config.kafkaClientSettings());
            clients.put("bootstrap.servers", pipeline.bootstrapServers());
            long sent = RawEvents.send(clients, events);
            err.printf("replaying %d events on an embedded pipeline ...%n", sent);
            err.flush();
            try (Admin admin = Admin.create(clients)) {
                awaitProcessed(admin, config.applicationId());
            }
            return printSummary(out, pipeline.context().serviceQueries().orElseThrow());
        } finally {
            DemoCommand.deleteQuietly(dir);
        }
    }

    private void awaitProcessed(Admin admin, String appId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline && quietChecks < 3) {
            long classifier = ConsumerLag.lagOf(admin, appId + "-classifier");
            long diagnosis = ConsumerLag.lagOf(admin, appId + "-diagnosis");
            quietChecks = classifier == 0 && diagnosis == 0 ? quietChecks + 1 : 0;
            Thread.sleep(500);
        }
        if (quietChecks < 3) {
            throw new UsageException("the pipeline did not process the events within " + timeoutSeconds + " s; raise --timeout");
        }
    }

    private static int printSummary(PrintWriter out, ServiceQueries queries) throws IOException {
        int rc = EcsMonitorCommand.EXIT_OK;
        out.printf("%-20s %-8s %8s %8s %8s  %s%n", "SERVICE", "STATUS", "EVENTS", "ERRORS", "NOISE", "SUMMARY");
        for (String name : queries.services(true)) {
            Optional<String> json = queries.service(name, true);
            if (json.isEmpty()) {
                continue;
            }
            JsonNode s = JsonSerde.MAPPER.readTree(json.get());
            ServiceTotals t = ServiceTotals.of(s);
            String status = s.path("diagnosis").path("status").asText("OK");
            if (!"OK".equals(status)) {
                rc = EcsMonitorCommand.EXIT_FINDINGS;
            }
            out.printf("%-20s %-8s %8d %8d %8d  %s%n", name, status, t.events(), t.errors(), t.noise(),
                    s.path("diagnosis").path("summary").asText(""));
        }
        out.flush();
        return rc;
    }
}
