package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsmonitor.cli.run.Pipeline;
import io.ecsmonitor.cli.run.RawEvents;
import io.ecsmonitor.cli.run.ServiceTotals;
import io.ecsmonitor.cli.demo.DemoIncident;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ecs-monitor run} on its embedded broker: endpoints, a stop and a start on the same data that
 * neither loses nor double-counts, and a second instance that answers for every service too.
 */
class RunCommandIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** A running {@code run} command. */
    private final class Running implements AutoCloseable {
        final RunCommand command;
        final Future<Integer> exit;

        Running(Map<String, String> env, String... args) throws Exception {
            command = new RunCommand(env);
            CountDownLatch started = new CountDownLatch(1);
            command.onStarted(started::countDown);
            CommandLine cl = EcsMonitorCommand.commandLine(new CommandLine.IFactory() {
                @Override
                public <K> K create(Class<K> cls) throws Exception {
                    return cls == RunCommand.class ? cls.cast(command) : CommandLine.defaultFactory().create(cls);
                }
            });
            exit = executor.submit(() -> cl.execute(args));
            if (!started.await(120, TimeUnit.SECONDS)) {
                throw new AssertionError("run did not start; exit " + (exit.isDone() ? exit.get() : "pending"));
            }
        }

        Pipeline pipeline() {
            return command.pipeline();
        }

        int port() {
            return pipeline().httpPort().orElseThrow();
        }

        @Override
        public void close() throws Exception {
            command.stop();
            assertThat(exit.get(120, TimeUnit.SECONDS)).isEqualTo(EcsMonitorCommand.EXIT_OK);
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void produce(String bootstrap, List<LogEvent> events) {
        RawEvents.send(Map.of("bootstrap.servers", bootstrap), events);
    }

    private long eventsSeen(int port, String service) throws Exception {
        HttpResponse<String> r = get(port, "/api/services/" + service);
        if (r.statusCode() != 200) {
            return -1;
        }
        return ServiceTotals.of(JsonSerde.MAPPER.readTree(r.body())).events();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code ecs-monitor run} in a child JVM, so it can be stopped with a real SIGTERM. */
    private static Process runInChildJvm(Path data, int httpPort, int kafkaPort, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--roles", "streams", "--http-port", Integer.toString(httpPort), "--kafka-port", Integer.toString(kafkaPort),
                "--data-dir", data.toString());
        pb.environment().put("ECS_MONITOR_TOPIC_PARTITIONS", "1");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** Sends SIGTERM and checks the shutdown ran to its end: the {@code n}th clean stop in the log. */
    private static void sigterm(Process p, Path log, int n) throws Exception {
        p.destroy();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("stopped within 120 s after SIGTERM").isTrue();
        assertThat(p.exitValue()).isIn(0, 143);
        String text = Files.readString(log);
        assertThat(text.split("embedded Kafka stopped", -1).length - 1).as(text).isEqualTo(n);
    }

    @Test
    void shouldServeItsEndpointsAndContinueAfterSigtermAndRestartWithoutLossOrDoubleCounting(@TempDir Path data) throws Exception {
        Instant end = Instant.now();
        List<LogEvent> catalog = DemoIncident.events(end).stream().filter(e -> e.service().equals(DemoIncident.CATALOG)).toList();
        List<LogEvent> first = catalog.subList(0, catalog.size() / 2);
        List<LogEvent> second = catalog.subList(catalog.size() / 2, catalog.size());
        int port = freePort();
        int kafkaPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Path log = data.resolve("run.log");

        Process run = runInChildJvm(data, port, kafkaPort, log);
        try {
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(get(port, "/health").statusCode()).isEqualTo(200));
            assertThat(get(port, "/health").body()).contains("\"status\":\"UP\"").contains("\"streams\"");
            produce(bootstrap, first);
            produce(bootstrap, first.subList(0, 50));
            await().atMost(Duration.ofSeconds(90)).until(() -> eventsSeen(port, DemoIncident.CATALOG) == first.size());
            String metrics = get(port, "/metrics").body();
            assertThat(metrics).contains("# TYPE ecs_monitor_events_in_total counter")
                    .contains("ecs_monitor_dropped_records_total{reason=\"duplicate\"} 50")
                    .contains("ecs_monitor_consumer_lag{group=\"ecs-monitor-classifier\"")
                    .containsPattern("ecs_monitor_service_noise_last_hour\\{service=\"catalog\"\\} [1-9]")
                    .contains("ecs_monitor_service_events_last_hour{service=\"catalog\"} " + first.size());
            assertThat(get(port, "/api/services").body()).contains("\"catalog\"");
            assertThat(get(port, "/api/services/nope").statusCode()).isEqualTo(404);
        } finally {
            sigterm(run, log, 1);
        }

        Process again = runInChildJvm(data, port, kafkaPort, log);
        try {
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(get(port, "/health").statusCode()).isEqualTo(200));
            produce(bootstrap, second);
            produce(bootstrap, first.subList(first.size() - 20, first.size()));
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> eventsSeen(port, DemoIncident.CATALOG) == catalog.size());
            JsonNode service = JsonSerde.MAPPER.readTree(get(port, "/api/services/" + DemoIncident.CATALOG).body());
            assertThat(service.path("diagnosis").path("status").asText()).isEqualTo("OK");
        } finally {
            sigterm(again, log, 2);
        }
    }

    @Test
    void shouldAnswerForEveryServiceFromBothOfTwoInstances(@TempDir Path a, @TempDir Path b) throws Exception {
        List<LogEvent> events = DemoIncident.events(Instant.now());
        try (Running one = new Running(Map.of(), "run", "--roles", "streams", "--http-port", "0", "--kafka-port", "0",
                "--data-dir", a.toString())) {
            String bootstrap = one.pipeline().bootstrapServers();
            try (Running two = new Running(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap), "run", "--roles", "streams",
                    "--http-port", "0", "--data-dir", b.toString())) {
                await().atMost(Duration.ofSeconds(90)).until(() -> one.pipeline().ready() && two.pipeline().ready());
                produce(bootstrap, events);
                for (String service : List.of(DemoIncident.CHECKOUT, DemoIncident.API, DemoIncident.CATALOG)) {
                    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                        HttpResponse<String> fromOne = get(one.port(), "/api/services/" + service);
                        HttpResponse<String> fromTwo = get(two.port(), "/api/services/" + service);
                        assertThat(fromOne.statusCode()).isEqualTo(200);
                        assertThat(fromTwo.statusCode()).isEqualTo(200);
                        assertThat(JsonSerde.MAPPER.readTree(fromOne.body()).path("stats"))
                                .isEqualTo(JsonSerde.MAPPER.readTree(fromTwo.body()).path("stats"));
                    });
                }
                assertThat(get(two.port(), "/api/services").body())
                        .contains(DemoIncident.CHECKOUT).contains(DemoIncident.API).contains(DemoIncident.CATALOG);

                // ecs-monitor status against either instance: one line per service, worst first, exit 1 for trouble.
                CommandLine cl = EcsMonitorCommand.commandLine();
                java.io.StringWriter out = new java.io.StringWriter();
                cl.setOut(new java.io.PrintWriter(out, true));
                int exit = cl.execute("status", "--url", "http://127.0.0.1:" + one.port());
                List<String> lines = out.toString().lines().toList();
                assertThat(lines.get(0)).startsWith("SERVICE").contains("STATUS").contains("SUMMARY");
                assertThat(lines).hasSize(4);
                // Worst first (the statuses may still move while events arrive, so the table is checked against itself).
                List<String> order = List.of("CRITICAL", "WARNING", "OK");
                List<String> rows = lines.subList(1, 4);
                assertThat(rows).extracting(l -> l.split("\\s+")[0])
                        .containsExactlyInAnyOrder(DemoIncident.CHECKOUT, DemoIncident.API, DemoIncident.CATALOG);
                List<Integer> ranks = rows.stream().map(l -> order.indexOf(l.split("\\s+")[1])).toList();
                assertThat(ranks).doesNotContain(-1).isSorted();
                assertThat(exit).isEqualTo(ranks.get(0) < 2 ? EcsMonitorCommand.EXIT_FINDINGS : EcsMonitorCommand.EXIT_OK);
                java.io.StringWriter err = new java.io.StringWriter();
                cl.setErr(new java.io.PrintWriter(err, true));
                assertThat(cl.execute("status", "nope", "--url", "http://127.0.0.1:" + two.port())).isEqualTo(2);
                assertThat(err.toString().trim()).isEqualTo("ecs-monitor: no such service: nope (see 'ecs-monitor status' for the services known)");
            }
        }
    }
}
