package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.awsfakes.AwsFault;
import io.ecsmonitor.awsfakes.CloudWatchLogsFake;
import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code logs} commands against the CloudWatch Logs fake (and a small ECS ListServices fake), with
 * the real SDK clients: output, JSON, exit codes, pagination, stitching, restarts and the rate limit.
 */
class LogsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000;
    private static final String TASK_A = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String TASK_B = "1a2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final String TASK_C = "2b3c4d5e6f708192a3b4c5d6e7f8091a";

    private FakeAws aws;
    private CloudWatchLogsFake logs;
    private EcsFake ecs;
    private final Map<String, String> env = new HashMap<>();
    private long now;
    private String out;
    private String err;

    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        FakeAws.useFakeCredentials();
    }

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        logs = new CloudWatchLogsFake();
        ecs = new EcsFake("eu-west-1");
        aws.register(logs).register(ecs);
        env.put("ECS_CLUSTER", "prod");
        env.put("ECS_REGION", "eu-west-1");
        now = System.currentTimeMillis();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private int run(String... args) {
        CommandLine cl = EcsMonitorCommand.commandLine();
        LogsCommand logsCommand = (LogsCommand) cl.getSubcommands().get("logs").getCommand();
        logsCommand.environment = env;
        logsCommand.awsSettings = AwsSettings.defaults().withEndpoint(aws.endpoint());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static String stream(String service, String task) {
        return "ecs/" + service + "/" + task;
    }

    private long ago(double minutes) {
        return now - (long) (minutes * MINUTE);
    }

    private List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    // --- pull -----------------------------------------------------------------------------------

    @Test
    void shouldPullEveryEventOfTheWindowAcrossEmptyPagesAndStreamsOldestFirst() {
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(90), "too old");
        for (int i = 0; i < 7; i++) {
            String task = i % 2 == 0 ? TASK_A : TASK_B;
            logs.putEvent("/ecs/api", stream("api", task), ago(25 - i), "line " + i);
        }
        logs.pageSize(2).emptyPagesFirst(2);

        int code = run("logs", "pull", "api", "--minutes", "30");

        assertThat(code).isEqualTo(0);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(lines.get(i)).endsWith(" line " + i).contains(i % 2 == 0 ? TASK_A : TASK_B);
        }
        assertThat(out).doesNotContain("too old");
        assertThat(aws.calls("FilterLogEvents")).hasSize(2 + 4);
        assertThat(err).contains("api: 7 events (");
    }

    @Test
    void shouldPrintOneParsableJsonEventPerLineAndNothingElseOnStdoutWithJson() throws Exception {
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(5), "first\nsecond line of it");
        logs.putEvent("/ecs/api", "custom-stream", ago(4), "{\"level\":\"info\"}");

        int code = run("logs", "pull", "api", "--json");

        assertThat(code).isEqualTo(0);
        List<JsonNode> events = jsonLines();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("service").asText()).isEqualTo("api");
        assertThat(events.get(0).path("cluster").asText()).isEqualTo("prod");
        assertThat(events.get(0).path("logGroup").asText()).isEqualTo("/ecs/api");
        assertThat(events.get(0).path("taskId").asText()).isEqualTo(TASK_A);
        assertThat(events.get(0).path("container").asText()).isEqualTo("api");
        assertThat(events.get(0).path("message").asText()).isEqualTo("first\nsecond line of it");
        assertThat(events.get(0).path("eventId").asText()).hasSize(56);
        assertThat(events.get(1).has("taskId")).isFalse();
        assertThat(events.get(1).path("timestamp").asLong()).isEqualTo(ago(4));
    }

    @Test
    void shouldPullOnlyTheNewestLimitEvents() {
        for (int i = 0; i < 5; i++) {
            logs.putEvent("/ecs/api", stream("api", TASK_A), ago(10 - i), "line " + i);
        }

        int code = run("logs", "pull", "api", "--limit", "2");

        assertThat(code).isEqualTo(0);
        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out).contains("line 3").contains("line 4").doesNotContain("line 2");
        assertThat(err).contains("showing the newest 2 of 5 events");
    }

    // --- errors ----------------------------------------------------------------------------------

    @Test
    void shouldStitchATraceInterleavedWithAnotherStreamAndLeaveHealthChecksOut() throws Exception {
        String a = stream("api", TASK_A);
        String b = stream("api", TASK_B);
        long t = ago(10);
        logs.putEvent("/ecs/api", a, t, "ERROR Request failed");
        logs.putEvent("/ecs/api", b, t + 1, "10.0.0.1 - - [22/Nov/2026:01:00:00 +0000] \"GET /health HTTP/1.1\" 503 0 \"-\" \"ELB-HealthChecker/2.0\"");
        logs.putEvent("/ecs/api", a, t + 2, "java.lang.IllegalStateException: connection pool closed");
        logs.putEvent("/ecs/api", b, t + 3, "10.0.0.2 - - [22/Nov/2026:01:00:00 +0000] \"POST /orders HTTP/1.1\" 502 12 \"-\" \"curl/8\"");
        logs.putEvent("/ecs/api", a, t + 4, "\tat com.shop.Pool.get(Pool.java:42)");
        logs.putEvent("/ecs/api", a, t + 5, "\tat com.shop.Api.handle(Api.java:7)");
        logs.putEvent("/ecs/api", b, t + 6, "INFO order 42 stored");

        int code = run("logs", "errors", "api", "--json");

        assertThat(code).isEqualTo(1);
        List<JsonNode> errors = jsonLines();
        assertThat(errors).extracting(n -> n.path("category").asText()).containsExactly("exception", "http_5xx");
        assertThat(errors.get(0).path("lines").asInt()).isEqualTo(4);
        assertThat(errors.get(0).path("message").asText()).startsWith("ERROR Request failed\njava.lang.IllegalStateException")
                .endsWith("Api.java:7)");
        assertThat(errors.get(0).path("fingerprint").asText()).hasSize(16);
        assertThat(errors.get(1).path("httpStatus").asInt()).isEqualTo(502);
        assertThat(errors.get(1).path("taskId").asText()).isEqualTo(TASK_B);
    }

    @Test
    void shouldReportAMissingLogGroupWithItsPatternAndGoOnWithTheOtherServices() {
        env.remove("ECS_SERVICES");
        for (String s : List.of("api", "worker", "web")) {
            ecs.cluster("prod").service(s);
        }
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(3), "ERROR payment declined: upstream timed out");
        logs.putEvent("/ecs/web", stream("web", TASK_B), ago(3), "INFO ok");
        logs.createLogGroup("/ecs/prod/worker");

        int code = run("logs", "errors", "all");

        assertThat(code).isEqualTo(1);
        assertThat(err).contains("worker: log group /ecs/worker does not exist (named by ECS_LOG_PATTERN=/ecs/{service})")
                .contains("log groups that contain 'worker': /ecs/prod/worker")
                .contains("try ECS_LOG_PATTERN=/ecs/prod/{service}");
        assertThat(out).contains("== api (/ecs/api): 1 error in 1 event")
                .contains("timeout          ecs/api/" + TASK_A + " ERROR payment declined: upstream timed out")
                .contains("== web (/ecs/web): 0 errors in 1 event");
        assertThat(aws.calls("ListServices")).isNotEmpty();
    }

    @Test
    void shouldListEveryServiceOfTheClusterAcrossListServicesPages() throws Exception {
        env.remove("ECS_SERVICES");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            many.add(String.format("svc-%02d", i));
        }
        many.forEach(s -> ecs.cluster("prod").service(s));
        many.forEach(s -> logs.createLogGroup("/ecs/" + s));

        int code = run("logs", "summary", "--json");

        assertThat(code).isEqualTo(0);
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("services")).hasSize(13);
        assertThat(aws.calls("ListServices")).hasSize(2);
    }

    @Test
    void shouldNameTheMissingIamPermissionAndExit2WhenEveryReadIsDenied() {
        env.put("ECS_SERVICES", "api,web");
        logs.createLogGroup("/ecs/api");
        aws.failAlways("FilterLogEvents", AwsFault.accessDenied("AccessDeniedException", "logs:FilterLogEvents"));

        int code = run("logs", "diagnose");

        assertThat(code).isEqualTo(2);
        assertThat(err).contains("api: access denied: the IAM permission logs:FilterLogEvents is missing")
                .contains("web: access denied: the IAM permission logs:FilterLogEvents is missing");
        assertThat(out).contains("api  UNKNOWN  access denied");
    }

    @Test
    void shouldNameListServicesWhenItIsDeniedAndExit2WithOneLine() {
        env.remove("ECS_SERVICES");
        aws.failAlways("ListServices", AwsFault.accessDenied("AccessDeniedException", "ecs:ListServices"));

        int code = run("logs", "summary");

        assertThat(code).isEqualTo(2);
        assertThat(err.lines().filter(l -> l.startsWith("ecs-monitor: ")).toList())
                .containsExactly("ecs-monitor: access denied: the IAM permission ecs:ListServices is missing; grant it to the role or user that runs ecs-monitor");
        assertThat(out).isEmpty();
    }

    // --- diagnose --------------------------------------------------------------------------------

    @Test
    void shouldDiagnoseCountsStatusesFingerprintsRestartsAndAVerdictPerService() throws Exception {
        env.put("ECS_SERVICES", "api,web");
        String a = stream("api", TASK_A);
        String b = stream("api", TASK_B);
        logs.putEvent("/ecs/api", a, ago(120), "INFO started long ago");
        for (int i = 0; i < 3; i++) {
            logs.putEvent("/ecs/api", a, ago(30 - i), "ERROR db call failed: dial tcp 10.0.0." + i + ":5432: connect: connection refused");
        }
        logs.putEvent("/ecs/api", a, ago(25), "ERROR login failed for password=hunter2 key AKIAIOSFODNN7EXAMPLE: upstream timed out");
        logs.putEvent("/ecs/api", a, ago(24), "10.0.0.9 - - [22/Nov/2026:01:00:00 +0000] \"GET /orders HTTP/1.1\" 200 10 \"-\" \"curl/8\"");
        logs.putEvent("/ecs/api", a, ago(24), "10.0.0.9 - - [22/Nov/2026:01:00:00 +0000] \"GET /orders HTTP/1.1\" 504 10 \"-\" \"curl/8\"");
        logs.putEvent("/ecs/api", a, ago(24), "10.0.0.9 - - [22/Nov/2026:01:00:00 +0000] \"GET /health HTTP/1.1\" 503 0 \"-\" \"ELB-HealthChecker/2.0\"");
        logs.putEvent("/ecs/api", a, ago(20), "java.lang.OutOfMemoryError: Java heap space");
        logs.putEvent("/ecs/api", b, ago(19), "Started ApiApplication in 4.2 seconds (process running for 5.0)");
        logs.putEvent("/ecs/web", stream("web", TASK_C), ago(5), "INFO served 12 pages");

        int code = run("logs", "diagnose", "--json");

        assertThat(code).isEqualTo(1);
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("cluster").asText()).isEqualTo("prod");
        assertThat(doc.path("minutes").asInt()).isEqualTo(60);
        JsonNode api = doc.path("services").get(0);
        assertThat(api.path("service").asText()).isEqualTo("api");
        assertThat(api.path("status").asText()).isEqualTo("CRITICAL");
        assertThat(api.path("verdict").asText()).contains("1 oom error");
        assertThat(api.path("events").asLong()).isEqualTo(9);
        assertThat(api.path("noise").asLong()).isEqualTo(1);
        assertThat(api.path("errors").asLong()).isEqualTo(6);
        assertThat(api.path("categories").toString())
                .isEqualTo("{\"oom\":1,\"timeout\":1,\"connection_error\":3,\"http_5xx\":1}");
        assertThat(api.path("httpStatus").toString()).isEqualTo("{\"200\":1,\"504\":1}");
        JsonNode top = api.path("topFingerprints");
        assertThat(top.get(0).path("category").asText()).isEqualTo("connection_error");
        assertThat(top.get(0).path("count").asInt()).isEqualTo(3);
        String samples = top.toString();
        assertThat(samples).contains("password=***").doesNotContain("hunter2").doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(api.path("restartCount").asInt()).isEqualTo(1);
        JsonNode restart = api.path("restarts").get(0);
        assertThat(restart.path("kind").asText()).isEqualTo("TASK_START");
        assertThat(restart.path("taskId").asText()).isEqualTo(TASK_B);
        assertThat(restart.path("previousTaskId").asText()).isEqualTo(TASK_A);
        assertThat(restart.path("lastErrorCategory").asText()).isEqualTo("oom");
        assertThat(restart.path("lastErrors").toString()).contains("OutOfMemoryError");
        JsonNode web = doc.path("services").get(1);
        assertThat(web.path("status").asText()).isEqualTo("OK");
        assertThat(web.path("verdict").asText()).isEqualTo("no errors");
    }

    @Test
    void shouldPrintADiagnosisAPersonCanRead() {
        env.put("ECS_SERVICES", "api");
        String a = stream("api", TASK_A);
        logs.putEvent("/ecs/api", a, ago(30), "ERROR upstream timed out after 30s calling payments");
        logs.putEvent("/ecs/api", a, ago(29), "10.0.0.9 - - [22/Nov/2026:01:00:00 +0000] \"GET /orders HTTP/1.1\" 200 10 \"-\" \"curl/8\"");

        int code = run("logs", "diagnose", "--minutes", "45");

        assertThat(code).isEqualTo(1);
        assertThat(out).contains("logs diagnose: 1 service of cluster prod, last 45 min")
                .contains("api  WARNING  1 timeout error")
                .contains("  log group    /ecs/api")
                .contains("  by category  timeout 1")
                .contains("  http status  200 1   (noise excluded)")
                .contains("  top fingerprints");
    }

    // --- restarts --------------------------------------------------------------------------------

    @Test
    void shouldFlagRestartWhenNewTaskStreamAppearsAndContainerRestartAfterACrashWithEvidence() throws Exception {
        String a = stream("api", TASK_A);
        String b = stream("api", TASK_B);
        logs.putEvent("/ecs/api", a, ago(50), "INFO listening");
        logs.putEvent("/ecs/api", a, ago(12), "ERROR cache miss storm");
        logs.putEvent("/ecs/api", a, ago(11), "panic: runtime error: invalid memory address or nil pointer dereference");
        logs.putEvent("/ecs/api", a, ago(11) + 1, "goroutine 1 [running]:");
        logs.putEvent("/ecs/api", a, ago(10), "2026/11/22 01:00:00 Starting HTTP server on :8080");
        logs.putEvent("/ecs/api", a, ago(6), "fatal error: concurrent map writes");
        logs.putEvent("/ecs/api", b, ago(5), "2026/11/22 01:00:00 Starting HTTP server on :8080");
        logs.putEvent("/ecs/api", b, ago(4), "Listening on port 8080");

        int code = run("logs", "restarts", "api", "--json");

        assertThat(code).isEqualTo(1);
        JsonNode doc = JSON.readTree(out);
        JsonNode restarts = doc.path("restarts");
        assertThat(restarts).hasSize(2);
        assertThat(restarts.get(0).path("kind").asText()).isEqualTo("CONTAINER_RESTART");
        assertThat(restarts.get(0).path("taskId").asText()).isEqualTo(TASK_A);
        assertThat(restarts.get(0).path("lastErrorCategory").asText()).isEqualTo("panic");
        assertThat(restarts.get(0).path("lastErrors").get(1).asText()).startsWith("panic: runtime error");
        assertThat(restarts.get(1).path("kind").asText()).isEqualTo("TASK_START");
        assertThat(restarts.get(1).path("taskId").asText()).isEqualTo(TASK_B);
        assertThat(restarts.get(1).path("lastErrors").toString()).contains("concurrent map writes").doesNotContain("panic");
        assertThat(restarts.get(1).path("restartsInWindow").asInt()).isEqualTo(2);
        assertThat(doc.path("crashLoop").asBoolean()).isFalse();
    }

    @Test
    void shouldNotFlagTasksThatWereRunningBeforeTheWindow() {
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(200), "INFO up");
        logs.putEvent("/ecs/api", stream("api", TASK_B), ago(190), "INFO up");
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(20), "INFO still up");
        logs.putEvent("/ecs/api", stream("api", TASK_B), ago(10), "INFO still up");

        int code = run("logs", "restarts", "api");

        assertThat(code).isEqualTo(0);
        assertThat(out).startsWith("api (/ecs/api): 0 restarts in 2 events, last 60 min");
    }

    @Test
    void shouldFlagACrashLoopOfThreeRestartsWithinFifteenMinutes() {
        String[] tasks = {TASK_A, TASK_B, TASK_C, "3c4d5e6f708192a3b4c5d6e7f8091a2b"};
        for (int i = 0; i < tasks.length; i++) {
            logs.putEvent("/ecs/api", stream("api", tasks[i]), ago(14 - 4 * i), "Tomcat started on port 8080 (http)");
            logs.putEvent("/ecs/api", stream("api", tasks[i]), ago(13 - 4 * i), "java.lang.OutOfMemoryError: Metaspace");
        }

        int code = run("logs", "restarts", "api");

        assertThat(code).isEqualTo(1);
        assertThat(out).contains("3 restarts in 8 events").contains("[crash loop: 3 in 15 min]")
                .contains("last errors before it (worst: oom):").contains("java.lang.OutOfMemoryError: Metaspace");
    }

    // --- summary and auto-diagnose ---------------------------------------------------------------

    @Test
    void shouldPrintOneLinePerServiceInTheSummaryAndExit0WhenAllAreOk() {
        env.put("ECS_SERVICES", "api,web");
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(3), "INFO ok");
        logs.putEvent("/ecs/web", stream("web", TASK_B), ago(3), "ERROR template missing");
        for (int i = 0; i < 30; i++) {
            logs.putEvent("/ecs/web", stream("web", TASK_B), ago(2), "INFO page " + i);
        }

        int code = run("logs", "summary", "--minutes", "120");

        assertThat(code).isEqualTo(0);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("SERVICE").contains("STATUS").contains("VERDICT");
        assertThat(lines.get(1)).startsWith("api").contains("OK").contains("no errors");
        assertThat(lines.get(2)).startsWith("web").contains("OK").contains("1 error in 31 events");
    }

    @Test
    void shouldAutoDiagnoseOnlyTheServicesTheHealthStateMarksUnhealthyOrDegraded() throws Exception {
        Path state = dir.resolve("ecs-health.json");
        ObjectNode root = JSON.createObjectNode();
        ObjectNode services = root.putObject("services");
        services.putObject("api").put("service", "api").put("status", "UNHEALTHY").put("summary", "1 of 2 tasks running");
        services.putObject("web").put("service", "web").put("status", "HEALTHY");
        services.putObject("worker").put("service", "worker").put("status", "DEGRADED");
        services.putObject("_endpoints").put("service", "_endpoints").put("status", "UNHEALTHY");
        Files.writeString(state, root.toString());
        env.put("ECS_HEALTH_STATE", state.toString());
        env.put("ECS_health_OUTDIR", dir.resolve("out").toString());
        logs.putEvent("/ecs/api", stream("api", TASK_A), ago(3), "ERROR dial tcp: connection refused");
        logs.putEvent("/ecs/worker", stream("worker", TASK_B), ago(3), "INFO job done");
        logs.putEvent("/ecs/web", stream("web", TASK_C), ago(3), "INFO ok");

        int code = run("logs", "auto-diagnose", "--json");

        assertThat(code).isEqualTo(1);
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("services")).extracting(n -> n.path("service").asText()).containsExactly("api", "worker");
        assertThat(doc.path("services").get(0).path("health").path("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(doc.path("services").get(0).path("health").path("summary").asText()).isEqualTo("1 of 2 tasks running");
        assertThat(doc.path("services").get(0).path("status").asText()).isEqualTo("WARNING");
        assertThat(aws.calls("FilterLogEvents")).hasSize(2);
        List<Path> reports;
        try (var files = Files.list(dir.resolve("out"))) {
            reports = files.toList();
        }
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).getFileName().toString()).matches("logs-diagnosis-\\d{8}T\\d{6}Z\\.json");
        assertThat(JSON.readTree(reports.get(0).toFile())).isEqualTo(doc);
        assertThat(err).contains("wrote " + reports.get(0));
    }

    @Test
    void shouldSayNothingIsUnhealthyAndExit0WhenTheHealthStateIsAllHealthy() throws Exception {
        Path state = dir.resolve("ecs-health.json");
        Files.writeString(state, "{\"api\":{\"service\":\"api\",\"status\":\"HEALTHY\"}}");
        env.put("ECS_HEALTH_STATE", state.toString());

        int code = run("logs", "auto-diagnose");

        assertThat(code).isEqualTo(0);
        assertThat(out).startsWith("no service is UNHEALTHY or DEGRADED in " + state + " (1 service)");
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void shouldExit2WithOneLineWhenTheHealthStateFileIsMissing() {
        env.put("ECS_HEALTH_STATE", dir.resolve("nope.json").toString());

        int code = run("logs", "auto-diagnose");

        assertThat(code).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly("ecs-monitor: the health state file " + dir.resolve("nope.json")
                + " does not exist; run 'ecs-monitor health' (or scripts/ecs-health.sh) first, or point ECS_HEALTH_STATE at its file");
    }

    // --- rate limit and throttling ---------------------------------------------------------------

    @Test
    void shouldNeverLetMoreThanFiveCallsThroughInAnySecond() throws Exception {
        env.put("ECS_SERVICES", "a,b,c,d");
        for (String s : List.of("a", "b", "c", "d")) {
            for (int i = 0; i < 8; i++) {
                logs.putEvent("/ecs/" + s, stream(s, i < 4 ? TASK_A : TASK_B), ago(30 - i), "INFO " + i);
            }
        }
        logs.pageSize(2);
        aws.limitRate("FilterLogEvents", 5, AwsFault.throttling("ThrottlingException"));

        int code = run("logs", "diagnose", "--json");

        assertThat(code).isEqualTo(0);
        List<FakeAws.Call> calls = new ArrayList<>(aws.calls());
        calls.sort(java.util.Comparator.comparing(FakeAws.Call::at));
        assertThat(calls).hasSizeGreaterThanOrEqualTo(4 * 4 + 4);
        assertThat(calls).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
        for (int i = 0; i + 5 < calls.size(); i++) {
            Instant first = calls.get(i).at();
            Instant sixth = calls.get(i + 5).at();
            assertThat(sixth.toEpochMilli() - first.toEpochMilli()).as("calls %d..%d", i, i + 5).isGreaterThanOrEqualTo(1000);
        }
        for (JsonNode s : JSON.readTree(out).path("services")) {
            assertThat(s.path("events").asInt()).isEqualTo(8);
        }
    }

    @Test
    void shouldDegradeGracefullyWhenAwsThrottlesBelowTheClientLimit() throws Exception {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String s = "svc" + i;
            services.add(s);
            logs.putEvent("/ecs/" + s, stream(s, TASK_A), ago(5), "ERROR upstream timed out");
            logs.putEvent("/ecs/" + s, stream(s, TASK_A), ago(4), "INFO ok");
        }
        env.put("ECS_SERVICES", String.join(",", services));
        // other clients of the account use part of the quota: AWS lets only 2 calls a second through
        aws.limitRate("FilterLogEvents", 2, AwsFault.throttling("ThrottlingException"));

        int code = run("logs", "summary", "--json");

        assertThat(code).isEqualTo(1);
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("services")).hasSize(12).allSatisfy(s -> {
            assertThat(s.path("status").asText()).isEqualTo("WARNING");
            assertThat(s.path("events").asInt()).isEqualTo(2);
            assertThat(s.path("errors").asInt()).isEqualTo(1);
        });
        assertThat(aws.calls("FilterLogEvents").stream().filter(c -> c.status() == 200)).hasSize(12);
        assertThat(aws.calls("FilterLogEvents").stream().filter(c -> c.status() == 400)).isNotEmpty();
        assertThat(err).containsPattern("\\d+ AWS calls, [1-9]\\d* retried");
    }

    @Test
    void shouldRetryThrottledCallsWithBackoffAndStillReadEveryEvent() {
        for (int i = 0; i < 6; i++) {
            logs.putEvent("/ecs/api", stream("api", TASK_A), ago(10 - i), "line " + i);
        }
        logs.pageSize(2);
        aws.failNext("FilterLogEvents", 3, AwsFault.throttling("ThrottlingException"));

        int code = run("logs", "pull", "api", "--verbose");

        assertThat(code).isEqualTo(0);
        assertThat(out.lines().toList()).hasSize(6);
        assertThat(aws.calls("FilterLogEvents")).extracting(FakeAws.Call::status).containsExactly(400, 400, 400, 200, 200, 200);
        assertThat(err).contains("throttled by AWS (ThrottlingException), attempt 1; retrying in")
                .contains("6 AWS calls, 3 retried");
    }

    // --- bad input -------------------------------------------------------------------------------

    @Test
    void shouldExit2WithOneLineForABadFlagOrArgument() {
        assertThat(run("logs", "pull", "api", "--minutes", "0")).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).contains("--minutes must be between 1 and 43200");

        assertThat(run("logs", "pull", "api", "--minutes", "abc")).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(1);

        assertThat(run("logs", "pull", "not/a/service")).isEqualTo(2);
        assertThat(err).contains("'not/a/service' is not an ECS service name");

        assertThat(run("logs", "pull")).isEqualTo(2);
        assertThat(run("logs", "frobnicate")).isEqualTo(2);
        assertThat(run("logs")).isEqualTo(2);
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void shouldExit2WithOneLineForABadEnvironmentVariable() {
        env.put("ECS_REGION", "mars");
        assertThat(run("logs", "pull", "api")).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(
                "ecs-monitor: ECS_REGION='mars' is not an AWS region; set it like us-east-1 or eu-west-1");

        env.put("ECS_REGION", "eu-west-1");
        env.put("ECS_LOG_PATTERN", "/ecs/prod");
        assertThat(run("logs", "pull", "api")).isEqualTo(2);
        assertThat(err).contains("ECS_LOG_PATTERN").contains("{service}");

        env.remove("ECS_LOG_PATTERN");
        env.remove("ECS_CLUSTER");
        env.remove("ECS_SERVICES");
        assertThat(run("logs", "diagnose")).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly("ecs-monitor: ECS_CLUSTER is not set; set it to your ECS cluster name"
                + " (like ECS_CLUSTER=my-cluster), or list the services in ECS_SERVICES=api,worker");
    }

    @Test
    void shouldExit2WhenTheClusterDoesNotExist() {
        env.remove("ECS_SERVICES");
        env.put("ECS_CLUSTER", "nope");

        assertThat(run("logs", "diagnose")).isEqualTo(2);
        assertThat(err).contains("ECS cluster 'nope' was not found in this region; check ECS_CLUSTER and ECS_REGION");
    }

    @Test
    void shouldReadTheLogGroupThatTheLogPatternNames() {
        env.put("ECS_LOG_PATTERN", "/ecs/prod/{service}-logs");
        logs.putEvent("/ecs/prod/api-logs", stream("api", TASK_A), ago(1), "hello");

        assertThat(run("logs", "pull", "api")).isEqualTo(0);
        assertThat(out).contains("hello");
    }
}
