package io.ecsmonitor.alerts.diagnosis;

import static io.ecsmonitor.alerts.diagnosis.Fixtures.OOM_FP;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.OOM_SAMPLE;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.T0;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.at;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.deployment;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.health;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.oomKilled;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.restart;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.targets;
import static io.ecsmonitor.alerts.diagnosis.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.core.dlq.DeadLetter;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Alert.Kind;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.Status;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosisTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ServiceStats> stats;
    private TestInputTopic<String, RestartEvent> restarts;
    private TestInputTopic<String, HealthReport> health;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, byte[]> dlq;
    private final List<Alert> seen = new ArrayList<>();

    private void start(Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diagnosis-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Topology topology = DiagnosisTopology.build(new StreamsBuilder(), new AlertsConfig(overrides));
        driver = new TopologyTestDriver(topology, props, T0.minus(Duration.ofHours(3)));
        stats = driver.createInputTopic(Topics.STATS.name(), Serdes.String().serializer(), Topics.STATS.valueSerde().serializer());
        restarts = driver.createInputTopic(Topics.RESTARTS.name(), Serdes.String().serializer(),
                Topics.RESTARTS.valueSerde().serializer());
        health = driver.createInputTopic(Topics.HEALTH.name(), Serdes.String().serializer(), Topics.HEALTH.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Serdes.String().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** Moves the wall clock to {@code epochMs} (the scenarios run "live": wall clock = event time). */
    private void wallClockTo(long epochMs) {
        long now = T0.minus(Duration.ofHours(3)).toEpochMilli() + elapsed;
        if (epochMs > now) {
            driver.advanceWallClockTime(Duration.ofMillis(epochMs - now));
            elapsed += epochMs - now;
        }
    }

    private long elapsed;

    private void pipe(ServiceStats s) {
        wallClockTo(s.lastUpdated());
        stats.pipeInput(s.service(), s, s.lastUpdated());
    }

    private void pipe(RestartEvent r) {
        wallClockTo(r.timestamp());
        restarts.pipeInput(r.service(), r, r.timestamp());
    }

    private void pipe(HealthReport h) {
        wallClockTo(h.probedAt());
        health.pipeInput(h.service(), h, h.probedAt());
    }

    private List<Alert> drain() {
        alerts.readValuesToList().forEach(seen::add);
        return seen;
    }

    private static void print(String scenario, List<Alert> alerts) {
        System.out.println("== " + scenario);
        for (Alert a : alerts) {
            System.out.println(a.kind() + " " + a.status() + " " + a.incidentId() + " @" + java.time.Instant.ofEpochMilli(
                    a.diagnosis().evaluatedAt()) + ": " + a.diagnosis().summary());
        }
    }

    @Test
    void shouldNameEveryOperatorAndStore() {
        start(Map.of());
        String described = DiagnosisTopology.build(new StreamsBuilder(), AlertsConfig.defaults()).describe().toString();
        assertThat(described).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        for (String name : List.of(DiagnosisTopology.SOURCE_STATS, DiagnosisTopology.SOURCE_RESTARTS, DiagnosisTopology.SOURCE_HEALTH,
                DiagnosisTopology.MERGE_RESTARTS, DiagnosisTopology.MERGE_HEALTH, DiagnosisTopology.DIAGNOSE,
                DiagnosisTopology.ALERT_LIFECYCLE, DiagnosisTopology.SINK_ALERTS, DiagnosisTopology.SINK_DLQ,
                DiagnosisTopology.HEALTH_STORE, DiagnosisTopology.HISTORY_STORE, DiagnosisTopology.FINGERPRINT_STORE,
                DiagnosisTopology.ALERT_STATE_STORE, DiagnosisTopology.SPLIT + DiagnosisTopology.FAILED,
                DiagnosisTopology.SPLIT + DiagnosisTopology.DIAGNOSED)) {
            assertThat(described).contains(name);
        }
    }

    @Test
    void shouldRaiseAnOomCrashLoopWithRestartsStoppedTasksAndUnhealthyTargets() {
        start(Map.of());
        pipe(health("api", at(0), 4, List.of(deployment("ecs-svc/1111", "PRIMARY", "api:41", "COMPLETED", null, 4, 0,
                at(-2880), at(-2870))), List.of(), targets(4, 0, null)));
        for (int m = 0; m <= 11; m++) {
            Fixtures.StatsBuilder w = window("api", m).requests(0, 0).events(120);
            if (m % 5 == 1) {
                w.error(Category.OOM, OOM_FP, 1, OOM_SAMPLE);
            }
            pipe(w.build());
            if (m == 1) {
                pipe(restart("api", Fixtures.atSeconds(1, 30), "t2", "t1", 1, false));
            } else if (m == 6) {
                pipe(restart("api", Fixtures.atSeconds(6, 30), "t3", "t2", 2, false));
            } else if (m == 11) {
                pipe(restart("api", Fixtures.atSeconds(11, 30), "t4", "t3", 3, true));
            }
        }
        pipe(health("api", Fixtures.atSeconds(11, 45), 2, List.of(deployment("ecs-svc/1111", "PRIMARY", "api:41", "COMPLETED", null,
                2, 0, at(-2880), at(-2870))), List.of(oomKilled("t3", Fixtures.atSeconds(11, 20)), oomKilled("t2", Fixtures.atSeconds(6, 20))),
                targets(2, 2, "Target.Timeout")));
        List<Alert> out = drain();
        print("OOM crash loop", out);

        assertThat(out).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.ESCALATED, Kind.ESCALATED);
        assertThat(out).extracting(Alert::incidentId).containsOnly("api-20261122T100159Z");
        Alert last = out.get(2);
        Diagnosis d = last.diagnosis();
        assertThat(d.status()).isEqualTo(Status.CRITICAL);
        assertThat(d.summary()).isEqualTo(
                "api: OOM crash loop — 3 restarts in 10 min after OutOfMemoryError; 2/4 targets unhealthy (Target.Timeout)");
        assertThat(d.causes()).extracting(Cause::code)
                .startsWith("crash_loop", "tasks_oom_killed", "crash_errors", "targets_unhealthy")
                .contains("running_below_desired");
        assertThat(d.causes().get(1).evidence().get(0)).contains("task t3 (api:41)").contains("exit 137");
        assertThat(d.nextSteps().get(0)).startsWith("Raise the memory limit");
        assertThat(d.deployment()).as("the deployment is two days old: no correlation").isNull();
        assertThat(d.links()).extracting(Diagnosis.Link::url).anySatisfy(u -> assertThat(u)
                .startsWith("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights")
                .contains("source~(~'*2Fecs*2Fapi)").contains("OutOfMemory"));
        assertThat(d.links()).extracting(Diagnosis.Link::url).contains(
                "https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api/health?region=us-east-1");
        assertThat(d.counts()).filteredOn(c -> c.minutes() == 15).singleElement()
                .satisfies(c -> assertThat(c.restarts()).isEqualTo(3))
                .satisfies(c -> assertThat(c.categories()).containsEntry(Category.OOM, 3L));
        assertThat(dlq.isEmpty()).isTrue();
        // What a person receives, for the README.
        System.out.println(io.ecsmonitor.alerts.sink.SlackSink.payload(last).toPrettyString());
        System.out.println(io.ecsmonitor.core.serde.JsonSerde.MAPPER.valueToTree(last).toPrettyString());
        System.out.println(io.ecsmonitor.alerts.sink.AlertText.subject(last));
        System.out.println(io.ecsmonitor.alerts.sink.AlertText.body(last));
    }

    @Test
    void shouldCorrelateABadDeploymentWithItsSpikeFailedRolloutAndUnhealthyTargets() {
        start(Map.of());
        var old = deployment("ecs-svc/1111", "PRIMARY", "api:41", "COMPLETED", null, 4, 0, at(-2880), at(-2870));
        pipe(health("api", at(-70), 4, List.of(old), List.of(), targets(4, 0, null)));
        for (int m = -70; m < 0; m++) {
            pipe(window("api", m).requests(150, 1)
                    .error(Category.EXCEPTION, "00000000000000aa", 2, "ERROR c.e.api.Cart - price lookup failed for sku=<redacted>")
                    .build());
        }
        var oldActive = deployment("ecs-svc/1111", "ACTIVE", "api:41", "COMPLETED", null, 4, 0, at(-2880), at(-2870));
        pipe(health("api", at(0), 4, List.of(deployment("ecs-svc/2222", "PRIMARY", "api:42", "IN_PROGRESS", null, 0, 0, at(0), at(0)),
                oldActive), List.of(), targets(4, 0, null)));
        assertThat(drain()).isEmpty();
        for (int m = 1; m <= 7; m++) {
            Fixtures.StatsBuilder w = window("api", m).requests(150, 1)
                    .error(Category.EXCEPTION, "00000000000000aa", 2, "ERROR c.e.api.Cart - price lookup failed for sku=<redacted>");
            if (m >= 2) {
                w.requests(105, 45).error(Category.CONNECTION_ERROR, "00000000000000bb", 40,
                        "ERROR c.e.api.db.Pool - java.net.ConnectException: Connection refused (db.internal:5432)");
            }
            pipe(w.build());
        }
        pipe(health("api", at(8), 2, List.of(deployment("ecs-svc/2222", "PRIMARY", "api:42", "FAILED",
                "ECS deployment circuit breaker: tasks failed to start.", 2, 6, at(0), at(8)), oldActive), List.of(),
                targets(2, 2, "Target.ResponseCodeMismatch")));
        List<Alert> out = drain();
        print("bad deployment", out);

        assertThat(out).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.ESCALATED, Kind.ESCALATED);
        assertThat(out).extracting(Alert::status).containsExactly(Status.WARNING, Status.CRITICAL, Status.CRITICAL);
        assertThat(out.get(0).diagnosis().causes()).extracting(Cause::code).containsExactly("http_5xx_share", "error_rate_spike", "new_error_pattern");
        assertThat(out.get(1).diagnosis().summary()).endsWith("; began 2 min into deployment ecs-svc/2222 (api:42)");
        Diagnosis d = out.get(out.size() - 1).diagnosis();
        assertThat(d.summary()).isEqualTo("api: failed rollout — deployment ecs-svc/2222 (api:42) failed: ECS deployment circuit "
                + "breaker: tasks failed to start.; 2/4 targets unhealthy (Target.ResponseCodeMismatch)");
        assertThat(d.causes()).extracting(Cause::code)
                .containsSubsequence("rollout_failed", "targets_unhealthy", "http_5xx_share", "error_rate_spike")
                .contains("new_error_pattern", "running_below_desired");
        assertThat(d.deployment()).isNotNull();
        assertThat(d.deployment().deploymentId()).isEqualTo("ecs-svc/2222");
        assertThat(d.deployment().taskDefinition()).isEqualTo("api:42");
        assertThat(d.deployment().startedAt()).isEqualTo(at(0));
        assertThat(d.deployment().troubleStartedAt()).isEqualTo(at(2));
        assertThat(d.deployment().previousTaskDefinition()).isEqualTo("api:41");
        assertThat(d.causes().get(0).evidence().get(0))
                .isEqualTo("started 2 min after deployment ecs-svc/2222 (api:42) began at 10:00 UTC");
        assertThat(d.nextSteps().get(0)).isEqualTo("Roll back deployment ecs-svc/2222 (api:42, started 10:00 UTC): aws ecs "
                + "update-service --cluster prod --service api --task-definition api:41");
        assertThat(d.nextSteps()).anySatisfy(s -> assertThat(s).startsWith("Check the dependency that refuses connections"));
        assertThat(d.newPatterns()).extracting(ServiceStats.FingerprintCount::fingerprint).containsExactly("00000000000000bb");
    }

    @Test
    void shouldWarnOfAnExpiringCertificateEscalateAndResolveWhenRenewed() {
        start(Map.of());
        pipe(Fixtures.endpoints(at(0), 40));
        pipe(Fixtures.endpoints(at(60), 9));
        pipe(Fixtures.endpoints(at(120), 9));
        pipe(Fixtures.endpoints(at(180), 2));
        pipe(Fixtures.endpoints(at(200), 89));
        // Resolved once it has stayed healthy for alerts.clear.minutes (5).
        pipe(Fixtures.endpoints(at(203), 89));
        assertThat(drain()).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.ESCALATED);
        pipe(Fixtures.endpoints(at(205), 89));
        List<Alert> out = drain();
        print("certificate expiring", out);

        assertThat(out).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.ESCALATED, Kind.RESOLVED);
        assertThat(out).extracting(Alert::status).containsExactly(Status.WARNING, Status.CRITICAL, Status.OK);
        assertThat(out.get(0).diagnosis().summary()).isEqualTo(
                "_endpoints: certificate expiring — certificate of api.example.com expires in 9 days (2026-12-01)");
        assertThat(out.get(0).diagnosis().nextSteps()).singleElement().asString().startsWith("Renew the certificate");
        assertThat(out.get(1).diagnosis().summary()).contains("expires in 2 days");
        assertThat(out.get(2).firstSeen()).isEqualTo(at(60));
        assertThat(out.get(2).lastSeen()).isBetween(at(205), at(206));
        assertThat(out.get(2).diagnosis().summary()).isEqualTo(
                "_endpoints: healthy — 1/1 HTTP checks passing, certificates valid for 89+ days");
    }

    @Test
    void shouldRaiseNothingForANoisyButHealthyService() {
        start(Map.of());
        pipe(health("web", at(-5), 4, List.of(deployment("ecs-svc/3333", "PRIMARY", "web:7", "COMPLETED", null, 4, 0,
                at(-5000), at(-4990))), List.of(), targets(4, 0, null)));
        String[] samples = {"ERROR c.e.web.Search - query failed: Exception in handler", "WARN c.e.web.Cache - timeout after 200 ms",
                "ERROR c.e.web.Auth - token refresh failed: 401"};
        Category[] categories = {Category.EXCEPTION, Category.TIMEOUT, Category.AUTH_ERROR};
        for (int m = 0; m < 120; m++) {
            // Each window arrives three times while it is open, each update replacing the previous one.
            for (int update = 1; update <= 3; update++) {
                Fixtures.StatsBuilder w = window("web", m).updatedAtSecond(update * 20 - 1).requests(160L * update, 2L * update);
                for (int i = 0; i < 3; i++) {
                    long n = (8 + (m * 7 + i * 3) % 9) * update / 3;
                    w.error(categories[i], "00000000000000c" + i, Math.max(1, n), samples[i]);
                }
                pipe(w.build());
            }
            if (m % 10 == 0) {
                pipe(health("web", at(m) + 30_000, 4, List.of(deployment("ecs-svc/3333", "PRIMARY", "web:7", "COMPLETED", null, 4, 0,
                        at(-5000), at(-4990))), List.of(), targets(4, 0, null)));
            }
        }
        assertThat(drain()).isEmpty();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldProduceExactlyOneResolvedRecordWhenTheErrorsAgeOutWithoutNewInput() {
        start(Map.of());
        for (int m = 0; m < 3; m++) {
            pipe(window("worker", m).events(50).error(Category.OOM, OOM_FP, 2, OOM_SAMPLE).build());
        }
        for (int m = 3; m < 60; m++) {
            wallClockTo(at(m) + 30_000);
        }
        List<Alert> out = drain();
        print("recovery", out);

        assertThat(out).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.RESOLVED);
        Alert resolved = out.get(1);
        assertThat(resolved.status()).isEqualTo(Status.OK);
        assertThat(resolved.previousStatus()).isEqualTo(Status.CRITICAL);
        assertThat(resolved.incidentId()).isEqualTo(out.get(0).incidentId());
        assertThat(resolved.diagnosis().summary()).isEqualTo("worker: healthy — 0 errors and 0 restarts in 15 min");
        // The last OOM window ends at minute 3; 15 minutes later it leaves the crash window, and the service
        // has to stay OK for alerts.clear.minutes (5) before the incident resolves.
        assertThat(resolved.lastSeen()).isBetween(at(23), at(24) + 1);
    }

    @Test
    void shouldReNotifyALongCriticalAtTheIntervalAndNoMore() {
        start(Map.of());
        pipe(health("api", at(0), 4, List.of(), List.of(), targets(4, 0, null)));
        for (int m = 0; m < 100; m++) {
            pipe(window("api", m).events(80).error(Category.OOM, OOM_FP, 1, OOM_SAMPLE).updatedAtSecond(10).build());
            wallClockTo(at(m) + 40_000);
        }
        List<Alert> out = drain();
        print("long CRITICAL", out);

        assertThat(out).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.RENOTIFIED, Kind.RENOTIFIED, Kind.RENOTIFIED);
        assertThat(out).extracting(Alert::notification).containsExactly(1, 2, 3, 4);
        assertThat(out).extracting(Alert::incidentId).containsOnly(out.get(0).incidentId());
        for (int i = 1; i < out.size(); i++) {
            long gap = out.get(i).lastSeen() - out.get(i - 1).lastSeen();
            assertThat(gap).isBetween(Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(31).toMillis());
        }
        assertThat(out.get(3).diagnosis().counts()).filteredOn(c -> c.minutes() == 60).singleElement()
                .satisfies(c -> assertThat(c.categories()).containsEntry(Category.OOM, 60L));
    }

    @Test
    void shouldJudgeALateInputNowAndEscalateAtOnce() {
        start(Map.of());
        pipe(health("api", at(0), 3, List.of(), List.of(), targets(4, 0, null)));
        wallClockTo(at(5));
        assertThat(drain()).extracting(Alert::kind).containsExactly(Kind.OPENED);
        // A window of minute 3 that reaches Kafka at minute 5 (ingestion delay).
        ServiceStats late = window("api", 3).events(40).error(Category.OOM, OOM_FP, 1, OOM_SAMPLE).build();
        stats.pipeInput("api", late, late.lastUpdated());
        List<Alert> out = drain();
        assertThat(out).extracting(Alert::kind).containsExactly(Kind.OPENED, Kind.ESCALATED);
        assertThat(out.get(1).lastSeen()).isEqualTo(at(5));
        assertThat(out.get(1).diagnosis().summary()).isEqualTo("api: out-of-memory errors — 1 oom in 15 min; 3/4 tasks running");
    }

    @Test
    void shouldDeadLetterAnInputWithoutAService() {
        start(Map.of());
        stats.pipeInput(null, window(null, 0).events(3).build(), at(0));
        assertThat(alerts.isEmpty()).isTrue();
        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.STAGE)).contains("diagnose");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.SOURCE_TOPIC)).contains(Topics.STATS.name());
        assertThat(new String(dead.value())).contains("\"windowStart\":" + at(0));
        restarts.pipeInput("api", null, at(1));
        TestRecord<String, byte[]> empty = dlq.readRecord();
        assertThat(DeadLetter.header(empty.headers(), DeadLetter.REASON)).hasValueSatisfying(r -> assertThat(r).startsWith("empty value"));
        assertThat(DeadLetter.header(empty.headers(), DeadLetter.SOURCE_TOPIC)).contains(Topics.RESTARTS.name());
        assertThat(alerts.isEmpty()).isTrue();
    }
}
