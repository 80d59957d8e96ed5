package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.topic.Topics;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ecs-monitor sinks} on a real broker: flags to delivery, then a clean stop. */
@WithKafka
class SinksCommandIT {

    @Test
    void shouldDeliverAlertsToTheFilesAndTheWebhookItIsGiven(KafkaCluster kafka, @TempDir Path out) throws Exception {
        kafka.createTopic(Topics.ALERTS.name(), 1, 1);
        kafka.createTopic(Topics.ALERTS_DLQ.name(), 1, 1);
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/", ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        CommandLine cl = EcsMonitorCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("sinks",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--group", KafkaCluster.uniqueName("sinks"),
                    "--out-dir", out.toString(), "--webhook-url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
            Diagnosis d = new Diagnosis("api", "prod", 1000, Diagnosis.Status.WARNING, "certificate expiring",
                    "api: certificate expiring — certificate of api.example.com expires in 9 days (2026-12-01)", List.of(),
                    List.of(), List.of(), List.of(), null, List.of(), List.of());
            Alert alert = new Alert("api-20261122T100000Z", "api", "prod", Alert.Kind.OPENED, Diagnosis.Status.WARNING,
                    Diagnosis.Status.OK, 1000, 1000, 1, d);
            try (KafkaProducer<String, Alert> p = new KafkaProducer<>(kafka.producerConfig(), Topics.ALERTS.keySerde().serializer(),
                    Topics.ALERTS.valueSerde().serializer())) {
                p.send(new ProducerRecord<>(Topics.ALERTS.name(), "api", alert)).get();
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(posted).singleElement().asString().contains("\"incidentId\":\"api-20261122T100000Z\"");
                assertThat(out.resolve("alerts.jsonl")).exists();
                assertThat(Files.readAllLines(out.resolve("alerts.jsonl"))).singleElement().asString().contains("certificate expiring");
            });
            ((SinksCommand) cl.getSubcommands().get("sinks").getCommand()).stop();
            assertThat(exit.get()).isEqualTo(EcsMonitorCommand.EXIT_OK);
            assertThat(err.toString()).contains("ecs-monitor sinks: delivering ecs-monitor.alerts").contains("to file, webhook")
                    .contains("stopped after 1 alerts");
        } finally {
            hook.stop(0);
        }
    }
}
