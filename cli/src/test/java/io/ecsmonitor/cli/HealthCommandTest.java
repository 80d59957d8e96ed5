package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.ElbV2Fake;
import io.ecsmonitor.awsfakes.FakeAws;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ecs-monitor health} against the ECS and ELBv2 fakes. */
class HealthCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeAws aws;
    private EcsFake ecs;
    private ElbV2Fake elb;
    private String out;
    private String err;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> savedProperties = new HashMap<>();

    @BeforeEach
    void start() {
        for (String p : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sharedCredentialsFile", "aws.configFile",
                "aws.disableEc2Metadata")) {
            savedProperties.put(p, System.getProperty(p));
        }
        FakeAws.useFakeCredentials();
        aws = FakeAws.start();
        ecs = new EcsFake();
        elb = new ElbV2Fake();
        aws.register(ecs).register(elb);
        env.put("ECS_CLUSTER", "prod");
        env.put("ECS_HEALTH_STATE", dir.resolve("state/ecs-health.json").toString());
        env.put("ECS_health_OUTDIR", dir.resolve("out").toString());
        ElbV2Fake.TargetGroup tg = elb.targetGroup("api-tg", 8080).target("10.0.1.5", 8080, "healthy");
        ecs.cluster("prod").service("api").counts(2, 2, 0).loadBalancer(tg.arn(), "app", 8080)
                .deployment("ecs-svc/1", "PRIMARY", "api:7").counts(2, 2, 0).rollout("COMPLETED", "done");
        ecs.cluster("prod").service("worker").counts(1, 1, 0);
    }

    @AfterEach
    void stop() {
        aws.close();
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private int run(String... args) {
        CommandLine cl = EcsMonitorCommand.commandLine();
        ((HealthCommand) cl.getSubcommands().get("health").getCommand()).env = env;
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        String[] all = Stream.concat(Stream.of("health", "--endpoint-url", aws.endpoint().toString(), "--http-attempts", "2",
                "--http-pause-ms", "10", "--http-timeout-ms", "2000"), Stream.of(args)).toArray(String[]::new);
        int code = cl.execute(all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private JsonNode state() throws IOException {
        return JSON.readTree(dir.resolve("state/ecs-health.json").toFile());
    }

    private List<Path> alerts() throws IOException {
        Path outDir = dir.resolve("out");
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(HealthCommand.ALERT_PREFIX)).toList();
        }
    }

    private void breakApi() {
        ecs.cluster("prod").service("api").counts(2, 0, 0);
        ecs.cluster("prod").stoppedTask("api", "dead1").stopCode("EssentialContainerExited")
                .stoppedReason("Essential container in task exited").times(Instant.now().minusSeconds(120), Instant.now().minusSeconds(30))
                .container("app", 137, "OutOfMemoryError: Container killed due to memory usage");
    }

    @Test
    void shouldPrintAReadableReportAndExitZeroWhenHealthy() throws IOException {
        assertThat(run()).isEqualTo(0);
        assertThat(out).contains("ECS health of cluster prod (us-east-1)")
                .containsPattern("HEALTHY +api +2/2 running +api: 2/2 tasks running, 1/1 targets healthy")
                .containsPattern("HEALTHY +worker +1/1 running")
                .contains("Overall: HEALTHY (0 unhealthy, 0 degraded, 0 unknown, 2 healthy)");
        assertThat(err).isEmpty();
        assertThat(state().path("status").asText()).isEqualTo("HEALTHY");
        assertThat(state().path("services").path("api").path("ecs").path("running").asInt()).isEqualTo(2);
        assertThat(state().has("previous")).isFalse();
        assertThat(alerts()).isEmpty();
    }

    @Test
    void shouldExitOneAndWriteAnAlertWhenAServiceIsUnhealthy() throws IOException {
        breakApi();
        assertThat(run()).isEqualTo(1);
        assertThat(out).containsPattern("UNHEALTHY +api +0/2 running")
                .contains("CRITICAL no_tasks_running")
                .contains("task_oom_killed")
                .contains("Overall: UNHEALTHY (1 unhealthy")
                .contains("Alert written to ");
        assertThat(alerts()).singleElement().satisfies(a -> {
            JsonNode alert = JSON.readTree(a.toFile());
            assertThat(alert.path("status").asText()).isEqualTo("UNHEALTHY");
            assertThat(alert.path("services")).extracting(JsonNode::asText).containsExactly("api");
            assertThat(alert.path("reports").get(0).path("findings").get(0).path("code").asText()).isEqualTo("no_tasks_running");
        });
    }

    @Test
    void shouldPrintOnlyJsonWithJson() throws IOException {
        breakApi();
        assertThat(run("--json")).isEqualTo(1);
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("cluster").asText()).isEqualTo("prod");
        assertThat(doc.path("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(doc.path("services").path("api").path("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(doc.path("services").path("api").path("stoppedTasks").get(0).path("cause").asText()).isEqualTo("oom_killed");
        assertThat(doc.path("services").path("worker").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(doc).isEqualTo(state());
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void shouldKeepThePreviousVerdictsAndSayWhatChanged() throws IOException {
        assertThat(run()).isEqualTo(0);
        String firstCheckedAt = state().path("checkedAt").asText();

        breakApi();
        assertThat(run()).isEqualTo(1);
        JsonNode second = state();
        assertThat(second.path("previous").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(second.path("previous").path("checkedAt").asText()).isEqualTo(firstCheckedAt);
        assertThat(second.path("previous").path("services").path("api").asText()).isEqualTo("HEALTHY");
        assertThat(second.path("changes")).hasSize(1);
        assertThat(second.path("changes").get(0).path("service").asText()).isEqualTo("api");
        assertThat(second.path("changes").get(0).path("from").asText()).isEqualTo("HEALTHY");
        assertThat(second.path("changes").get(0).path("to").asText()).isEqualTo("UNHEALTHY");
        assertThat(out).contains("Changed since " + firstCheckedAt).containsPattern("api +HEALTHY -> UNHEALTHY");

        // api runs again (its recent OOM kill still counts), worker is gone from the cluster
        ecs.cluster("prod").service("api").counts(2, 2, 0);
        ecs.cluster("prod").removeService("worker");
        assertThat(run("--quiet")).isEqualTo(1);
        JsonNode third = state();
        assertThat(third.path("changes")).extracting(c -> c.path("service").asText() + ":" + c.path("from").asText()
                + "->" + c.path("to").asText("(gone)")).containsExactly("api:UNHEALTHY->DEGRADED", "worker:HEALTHY->(gone)");
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            assertThat(files).as("no temporary file left beside the state").extracting(p -> p.getFileName().toString())
                    .containsExactly("ecs-health.json");
        }
    }

    @Test
    void shouldNotCompareWithTheStateOfAnotherCluster() throws IOException {
        assertThat(run()).isEqualTo(0);
        ecs.cluster("staging").service("api").counts(1, 0, 0);
        env.put("ECS_CLUSTER", "staging");
        assertThat(run()).isEqualTo(1);
        assertThat(state().path("cluster").asText()).isEqualTo("staging");
        assertThat(state().has("previous")).isFalse();
        assertThat(state().path("changes")).isEmpty();
    }

    @Test
    void shouldWriteTheStateButNoAlertAndPrintNothingWithQuiet() throws IOException {
        breakApi();
        assertThat(run("--quiet")).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(state().path("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(alerts()).isEmpty();
    }

    @Test
    void shouldCheckHttpEndpointsAndReportAFailingOne() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/ok", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            env.put("ECS_HTTP_ENDPOINTS", base + "/ok," + base + "/broken");
            assertThat(run()).isEqualTo(1);
            assertThat(out).containsPattern("UNHEALTHY +_endpoints")
                    .contains("http_failed")
                    .containsPattern("http +" + base + "/ok +OK 200")
                    .containsPattern("http +" + base + "/broken +HTTP 500, \\d+ ms, 2 attempt\\(s\\)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldExitTwoWithOneLineWhenEcsClusterIsMissing() {
        env.remove("ECS_CLUSTER");
        assertThat(run()).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("ECS_CLUSTER is not set").contains("ECS_CLUSTER=my-cluster");
        assertThat(out).isEmpty();
    }

    @Test
    void shouldExitTwoOnABadFlagOrVariable() {
        assertThat(run("--no-such-flag")).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("--no-such-flag");
        env.put("ECS_REGION", "mars");
        assertThat(run()).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("ECS_REGION");
        env.remove("ECS_REGION");
        assertThat(run("--http-attempts", "0")).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("--http-attempts");
    }

    @Test
    void shouldExitTwoNamingTheMissingPermission() {
        aws.failAlways("DescribeServices", EcsFake.accessDenied("DescribeServices"));
        assertThat(run()).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("AWS denied ecs:DescribeServices").contains("grant it");
        assertThat(Files.exists(dir.resolve("state/ecs-health.json"))).isFalse();
    }

    @Test
    void shouldExitTwoWhenTheClusterDoesNotExist() {
        env.put("ECS_CLUSTER", "staging");
        assertThat(run()).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("cluster 'staging' was not found in us-east-1");
    }

    @Test
    void shouldExitTwoWhenAwsCannotBeReached() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CommandLine cl = EcsMonitorCommand.commandLine();
        ((HealthCommand) cl.getSubcommands().get("health").getCommand()).env = env;
        StringWriter e = new StringWriter();
        cl.setErr(new PrintWriter(e, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("health", "--endpoint-url", "http://127.0.0.1:" + closedPort)).isEqualTo(2);
        assertThat(e.toString().strip()).doesNotContain("\n").contains("AWS could not be reached");
    }

    @Test
    void shouldExitTwoWithoutCredentials() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null,
                "the environment has AWS credentials");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        System.setProperty("aws.configFile", dir.resolve("no-config").toString());
        System.setProperty("aws.disableEc2Metadata", "true"); // never reach for instance metadata from a test
        assertThat(run()).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("no AWS credentials found");
    }
}
