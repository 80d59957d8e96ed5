package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.alerts.sink.Silences;
import io.ecsmonitor.core.model.Silence;
import io.ecsmonitor.testing.kafka.KafkaCluster;
import io.ecsmonitor.testing.kafka.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ecs-monitor silence} on a real broker, read back the way the sinks read it. */
@WithKafka
class SilenceCommandIT {

    private static final Instant NOW = Instant.parse("2026-11-22T04:15:00Z");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Instant now, String... args) {
        CommandLine cl = EcsMonitorCommand.commandLine();
        SilenceCommand silence = (SilenceCommand) cl.getSubcommands().get("silence").getCommand();
        silence.clock = Clock.fixed(now, ZoneOffset.UTC);
        silence.env = Map.of("USER", "alice");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldAddListAndExpireASilenceThatTheSinksThenApply(KafkaCluster kafka) {
        String topic = KafkaCluster.uniqueName("silences");
        String[] where = {"--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic};

        Run added = run(NOW, concat(new String[] {"silence", "add", "checkout-*", "--for", "2h", "--reason", "database failover"}, where));
        assertThat(added.exit()).as(added.err()).isZero();
        String id = added.out().trim();
        assertThat(id).startsWith("s-20261122T041500Z-checkout_-");
        assertThat(added.err()).contains("checkout-* silenced until 2026-11-22 06:15Z (database failover)");

        try (Silences read = Silences.start(topic, Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Duration.ofSeconds(30))) {
            Silence s = read.silencing("checkout-web", NOW.plusSeconds(60).toEpochMilli()).orElseThrow();
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.createdBy()).isEqualTo("alice");
            assertThat(read.silencing("api", NOW.plusSeconds(60).toEpochMilli())).isEmpty();
            assertThat(read.silencing("checkout-web", NOW.plus(Duration.ofHours(2)).toEpochMilli())).isEmpty();
        }

        Run listed = run(NOW.plusSeconds(60), concat(new String[] {"silence", "list"}, where));
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("active").contains(id).contains("checkout-*").contains("2026-11-22 06:15Z")
                .contains("alice").contains("database failover");

        Run expired = run(NOW.plusSeconds(120), concat(new String[] {"silence", "expire", id}, where));
        assertThat(expired.exit()).as(expired.err()).isZero();
        assertThat(expired.err()).contains(id + " (checkout-*) ended");
        assertThat(run(NOW.plusSeconds(180), concat(new String[] {"silence", "list"}, where)).out()).contains("no silences in force");
        Run all = run(NOW.plusSeconds(180), concat(new String[] {"silence", "list", "--all", "--json"}, where));
        assertThat(all.out().trim()).startsWith("{\"id\":\"" + id + "\"").contains("\"endsAt\":" + NOW.plusSeconds(120).toEpochMilli());
        try (Silences read = Silences.start(topic, Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Duration.ofSeconds(30))) {
            assertThat(read.silencing("checkout-web", NOW.plusSeconds(180).toEpochMilli())).isEmpty();
            assertThat(read.invalid()).isZero();
        }
    }

    @Test
    void shouldRefuseABadDurationAnUnknownSilenceAndAMissingReasonWithExitCode2(KafkaCluster kafka) {
        String topic = KafkaCluster.uniqueName("silences");
        String[] where = {"--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic};
        Run badDuration = run(NOW, concat(new String[] {"silence", "add", "api", "--for", "2 hours", "-r", "x"}, where));
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err().trim()).isEqualTo("ecs-monitor: --for 2 hours is not a duration; write it like 30m, 2h, 1d or 1h30m");
        Run tooLong = run(NOW, concat(new String[] {"silence", "add", "api", "--for", "45d", "-r", "x"}, where));
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("at most 30d");
        Run noReason = run(NOW, concat(new String[] {"silence", "add", "api"}, where));
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        Run unknown = run(NOW, concat(new String[] {"silence", "expire", "s-nope"}, where));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().trim()).isEqualTo("ecs-monitor: no silence s-nope on " + topic + "; see 'ecs-monitor silence list --all'");
    }

    @Test
    void shouldSayInOneLineThatKafkaCannotBeReached() {
        Run r = run(NOW, "silence", "list", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString()
                .startsWith("ecs-monitor: cannot reach Kafka at 127.0.0.1:1").endsWith("set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers to your brokers");
    }

    @Test
    void shouldParseShortAndIsoDurations() {
        assertThat(SilenceCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SilenceCommand.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SilenceCommand.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(SilenceCommand.parseDuration("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(SilenceCommand.parseDuration("PT45M")).isEqualTo(Duration.ofMinutes(45));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
