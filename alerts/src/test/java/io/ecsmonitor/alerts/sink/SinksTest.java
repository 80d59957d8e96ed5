package io.ecsmonitor.alerts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ecsmonitor.alerts.sink.AlertSink.DeliveryException;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.core.topic.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] answer = (status.get() == 200 ? "ok" : "no").getBytes();
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void shouldPostTheAlertSchemaToAWebhook() throws Exception {
        Alert a = Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1);
        new WebhookSink(url("/hook"), http, Duration.ofSeconds(5)).deliver(a);
        assertThat(bodies).singleElement().satisfies(b ->
                assertThat(Topics.ALERTS.valueSerde().deserializer().deserialize("t", b.getBytes())).isEqualTo(a));
    }

    @Test
    void shouldPostASlackMessageWithStatusSummaryEvidenceStepsAndLinks() throws Exception {
        Alert a = Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1);
        new SlackSink(url("/services/T000/B000/XXXX"), http, Duration.ofSeconds(5)).deliver(a);
        JsonNode msg = JsonSerde.MAPPER.readTree(bodies.get(0));
        assertThat(msg.get("text").asText()).isEqualTo("[CRITICAL] api: OOM crash loop — 3 restarts in 10 min after OutOfMemoryError; 2/4 targets unhealthy (Target.Timeout)");
        JsonNode blocks = msg.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo(":red_circle: [CRITICAL] api: OOM crash loop");
        assertThat(blocks.toString()).contains("*Evidence*").contains("2/4 targets unhealthy (Target.Timeout)")
                .contains("*Next steps*\\n1. Raise the memory limit").contains("|CloudWatch Logs Insights: /ecs/api>")
                .contains("*Status*\\nCRITICAL (was OK)");
    }

    @Test
    void shouldClassifyHttpFailuresAsRetryableOrNotWithoutLeakingTheSecretPath() {
        SlackSink slack = new SlackSink(url("/services/T000/B000/SECRET"), http, Duration.ofSeconds(5));
        status.set(503);
        assertThatThrownBy(() -> slack.deliver(Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("answered 503").hasMessageNotContaining("SECRET");
        status.set(404);
        assertThatThrownBy(() -> slack.deliver(Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void shouldAppendEveryAlertAndKeepTheLatestPerService(@TempDir Path dir) throws Exception {
        FileSink files = new FileSink(dir);
        files.deliver(Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1));
        files.deliver(Alerts.oomCrashLoop("worker", Alert.Kind.OPENED, 1));
        files.deliver(Alerts.oomCrashLoop("api", Alert.Kind.RENOTIFIED, 2));
        assertThat(Files.readAllLines(dir.resolve(FileSink.LOG_FILE))).hasSize(3);
        // A new sink over the same directory keeps what the previous one wrote.
        new FileSink(dir).deliver(Alerts.oomCrashLoop("web", Alert.Kind.OPENED, 1));
        JsonNode latest = JsonSerde.MAPPER.readTree(dir.resolve(FileSink.LATEST_FILE).toFile());
        assertThat(latest.fieldNames()).toIterable().containsExactlyInAnyOrder("api", "worker", "web");
        assertThat(latest.get("api").get("kind").asText()).isEqualTo("RENOTIFIED");
        assertThat(latest.get("api").get("notification").asInt()).isEqualTo(2);
    }

    @Test
    void shouldWriteAnAsciiSubjectAndAReadableBody() {
        Alert a = Alerts.oomCrashLoop("api", Alert.Kind.OPENED, 1);
        assertThat(AlertText.subject(a)).isEqualTo("[CRITICAL] api: OOM crash loop");
        assertThat(AlertText.subject(Alerts.oomCrashLoop("x".repeat(120), Alert.Kind.OPENED, 1))).hasSize(99).endsWith("...");
        String body = AlertText.body(a);
        assertThat(body).startsWith("api: OOM crash loop — 3 restarts in 10 min after OutOfMemoryError; 2/4 targets unhealthy")
                .contains("Status:   CRITICAL (was OK), new incident")
                .contains("Incident: api-20261122T100159Z, alert #1")
                .contains("Quick troubleshooting:\n1. Raise the memory limit")
                .contains("1. [CRITICAL] OOM crash loop: 3 restarts in 10 min after OutOfMemoryError");
    }

    @Test
    void shouldSummariseAStormInOneSubjectAndOneLinePerAlertUpToALimit() {
        List<Alert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            alerts.add(Alerts.oomCrashLoop("service-" + i, i == 3 ? Alert.Kind.RESOLVED : Alert.Kind.OPENED, 1));
        }
        Duration minute = Duration.ofMinutes(1);
        assertThat(AlertText.digestSubject(alerts, minute)).startsWith("[STORM] 25 alerts in 60 s: service-0, service-1")
                .hasSizeLessThanOrEqualTo(AlertText.SUBJECT_MAX).endsWith("...");
        assertThat(AlertText.digestHeadline(alerts, minute)).isEqualTo("25 alerts in 60 s (24 CRITICAL, 1 RESOLVED) from 25 services");
        List<String> lines = AlertText.digestLines(alerts);
        assertThat(lines).hasSize(AlertText.DIGEST_LINES + 1);
        assertThat(lines.get(0)).startsWith("[CRITICAL] new incident: service-0: OOM crash loop");
        assertThat(lines.get(3)).isEqualTo("[RESOLVED] resolved: service-3: recovered");
        assertThat(lines.get(AlertText.DIGEST_LINES)).startsWith("... and 5 more");
        JsonNode slack = JsonSerde.MAPPER.valueToTree(SlackSink.digestPayload(alerts, minute));
        assertThat(slack.path("text").asText()).isEqualTo("[STORM] 25 alerts in 60 s (24 CRITICAL, 1 RESOLVED) from 25 services");
        assertThat(slack.path("blocks").get(2).path("text").path("text").asText()).contains("• [CRITICAL] new incident: service-0");
    }

    @Test
    void shouldRefuseAConfigWithoutSinksOrWithABadUrl() {
        assertThatThrownBy(() -> new SinksConfig(Map.of(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no sink is configured");
        assertThatThrownBy(() -> new SinksConfig(Map.of(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                SinksConfig.WEBHOOK_URL_CONFIG, "ftp://x"))).isInstanceOf(ConfigException.class).hasMessageContaining(
                SinksConfig.WEBHOOK_URL_CONFIG);
        assertThatThrownBy(() -> new SinksConfig(Map.of(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                SinksConfig.SNS_TOPIC_ARN_CONFIG, "alerts"))).isInstanceOf(ConfigException.class).hasMessageContaining("SNS topic ARN");
        SinksConfig ok = new SinksConfig(Map.of(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                SinksConfig.SNS_TOPIC_ARN_CONFIG, "arn:aws:sns:eu-west-1:123456789012:alerts"));
        assertThat(ok.snsRegion()).contains("eu-west-1");
    }
}
