package io.ecsmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsmonitor.alerts.sink.AlertText;
import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.ElbV2Fake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.cli.demo.DemoIncident;
import io.ecsmonitor.cli.demo.DemoScenario;
import io.ecsmonitor.cli.run.Pipeline;
import io.ecsmonitor.cli.run.RawEvents;
import io.ecsmonitor.cli.run.RunConfig;
import io.ecsmonitor.cli.run.ServiceQueries;
import io.ecsmonitor.cli.run.ServiceTotals;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.core.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ecs-monitor demo}: the whole pipeline on an embedded broker, fed a bundled incident across
 * three services, with the cluster's ECS and ALB state served by the fakes of {@code aws-fakes}.
 * Prints each alert as it arrives and a summary per service.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs ecs-monitor end to end on an embedded Kafka broker and replays a bundled incident:",
                "an OOM crash loop (checkout), a bad deployment with 5xx and unhealthy targets (api), and a healthy,",
                "chatty service with ALB health-check noise (catalog). Prints each alert as it arrives, then a summary."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the incident's alerts were raised, and none for the healthy service",
                "1:an expected alert did not arrive in time (or the healthy service raised one)",
                "2:the demo could not start (a port in use, a bad flag)"})
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "-1",
            description = "Also serve /health, /metrics and /api/services on this port while the demo runs (default: off).")
    int httpPort;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "50",
            description = "Longest wait for the incident's alerts (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--keep", description = "Keep running after the summary until Ctrl-C (with --http-port, to explore the API).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        Path dir = Files.createTempDirectory("ecs-monitor-demo");
        useDemoCredentialsWhenNoneAreSet();
        try (FakeAws aws = FakeAws.start()) {
            EcsFake ecs = new EcsFake();
            ElbV2Fake elb = new ElbV2Fake();
            aws.register(ecs).register(elb);
            DemoScenario.install(ecs, elb, now);

            Map<String, String> settings = new HashMap<>();
            settings.put(RunConfig.ROLES_CONFIG, "streams,probe,sinks");
            settings.put(RunConfig.HTTP_PORT_CONFIG, Integer.toString(httpPort));
            settings.put(RunConfig.DATA_DIR_CONFIG, dir.toString());
            settings.put(RunConfig.EMBEDDED_PORT_CONFIG, "0");
            // One partition keeps the replayed twelve minutes in event-time order end to end; a real
            // cluster's events arrive as they happen, so partitions do not reorder them past the grace.
            settings.put(RunConfig.PARTITIONS_CONFIG, "1");
            settings.put(RunConfig.APPLICATION_ID_CONFIG, "ecs-monitor-demo");
            settings.put("probe.aws.endpoint", aws.endpoint().toString());
            settings.put("probe.probe.interval.ms", "3000");
            settings.put("alerts.punctuate.interval.ms", "2000");
            settings.put("streams.commit.interval.ms", "100");
            Map<String, String> env = Map.of(EcsEnvironment.CLUSTER, DemoIncident.CLUSTER, EcsEnvironment.REGION, "us-east-1",
                    EcsEnvironment.OUTDIR, dir.resolve("out").toString());
            RunConfig config = RunConfig.resolve(settings, env);
            List<LogEvent> events = DemoIncident.events(now);
            out.printf("ecs-monitor demo: cluster '%s' with services %s, %s and %s; ECS and ALB state from a local fake%n",
                    DemoIncident.CLUSTER, DemoIncident.CHECKOUT, DemoIncident.API, DemoIncident.CATALOG);
            out.flush();
            try (Pipeline pipeline = Pipeline.start(config, EcsEnvironment.from(env))) {
                out.printf("pipeline running on an embedded Kafka broker at %s%s; replaying %d log events of the last 12 minutes%n%n",
                        pipeline.bootstrapServers(), pipeline.httpPort().map(p -> ", HTTP on port " + p).orElse(""), events.size());
                out.flush();
                RawEvents.send(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()), events);
                Map<String, Alert> latest = watchAlerts(pipeline.bootstrapServers(), out);
                out.println();
                printSummary(out, pipeline, latest);
                if (keep) {
                    out.println("\nrunning until Ctrl-C");
                    out.flush();
                    Thread.currentThread().join();
                }
                boolean expected = latest.containsKey(DemoIncident.CHECKOUT) && latest.containsKey(DemoIncident.API)
                        && !latest.containsKey(DemoIncident.CATALOG);
                return expected ? EcsMonitorCommand.EXIT_OK : EcsMonitorCommand.EXIT_FINDINGS;
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Prints alerts as they arrive until both troubled services alerted and things settled, or the timeout. */
    private Map<String, Alert> watchAlerts(String bootstrap, PrintWriter out) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
                "ecs-monitor-demo-console", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Alert> latest = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long settleUntil = Long.MAX_VALUE;
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(c, Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer())) {
            consumer.subscribe(Set.of(Topics.ALERTS.name()));
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(250))) {
                    Alert a = r.value();
                    if (a == null) {
                        continue;
                    }
                    latest.put(a.service(), a);
                    out.printf("[%s] %-8s %-10s %s%n", CLOCK.format(Instant.now()), a.status(), a.kind(),
                            a.diagnosis() == null ? a.service() : AlertText.line(a));
                    out.flush();
                }
                if (settleUntil == Long.MAX_VALUE && latest.containsKey(DemoIncident.CHECKOUT) && latest.containsKey(DemoIncident.API)) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                }
            }
        }
        return latest;
    }

    private static void printSummary(PrintWriter out, Pipeline pipeline, Map<String, Alert> latest) {
        out.println("summary");
        ServiceQueries queries = pipeline.context().serviceQueries().orElse(null);
        for (String service : List.of(DemoIncident.CHECKOUT, DemoIncident.API, DemoIncident.CATALOG)) {
            String line;
            JsonNode state = null;
            if (queries != null) {
                try {
                    state = queries.service(service, false).map(DemoCommand::parse).orElse(null);
                } catch (RuntimeException e) {
                    state = null;
                }
            }
            if (state != null && state.has("diagnosis")) {
                Diagnosis d = JsonSerde.MAPPER.convertValue(state.get("diagnosis"), Diagnosis.class);
                ServiceTotals t = ServiceTotals.of(state);
                line = String.format("  %-9s %-8s %s (last hour: %d events, %d errors, %d health checks)", service, d.status(),
                        d.summary(), t.events(), t.errors(), t.noise());
            } else {
                Alert a = latest.get(service);
                line = String.format("  %-9s %-8s %s", service, a == null ? "OK" : a.status(),
                        a == null ? "no alert" : a.diagnosis().summary());
            }
            out.println(line);
        }
        out.flush();
    }

    private static JsonNode parse(String json) {
        try {
            return JsonSerde.MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** The fakes accept any credentials, but the SDK wants some. */
    private static void useDemoCredentialsWhenNoneAreSet() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            FakeAws.useFakeCredentials();
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the demo for
        }
    }
}
