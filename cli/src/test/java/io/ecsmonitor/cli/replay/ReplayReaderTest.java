package io.ecsmonitor.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.core.model.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReaderTest {

    private static final String TASK = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String ENVELOPE = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/ecs/api\","
            + "\"logStream\":\"ecs/api/" + TASK + "\",\"subscriptionFilters\":[\"f\"],\"logEvents\":["
            + "{\"id\":\"1\",\"timestamp\":1000,\"message\":\"ERROR one\"},{\"id\":\"2\",\"timestamp\":1001,\"message\":\"ERROR two\"}]}";
    private static final String CONTROL = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
            + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1,\"message\":\"CWL CONTROL MESSAGE\"}]}";

    @TempDir
    Path dir;

    private final ReplayReader reader = new ReplayReader(new ReplayReader.Defaults(Optional.empty(), Optional.empty(),
            Optional.of("prod"), LogGroupPattern.defaultPattern()));

    @Test
    void shouldReadGzipSubscriptionPayloadsSkippingControlMessages() throws IOException {
        Path f = dir.resolve("payload.gz");
        Files.write(f, gzip(CONTROL + ENVELOPE + "\n" + ENVELOPE));
        List<LogEvent> events = reader.readAll(List.of(f));
        assertThat(events).hasSize(4);
        LogEvent first = events.get(0);
        assertThat(first.service()).isEqualTo("api");
        assertThat(first.cluster()).isEqualTo("prod");
        assertThat(first.taskId()).isEqualTo(TASK);
        assertThat(first.container()).isEqualTo("api");
        assertThat(first.eventId()).isEqualTo("1");
        assertThat(first.missingRequiredField()).isNull();
    }

    @Test
    void shouldReadKinesisGetRecordsOutput() throws IOException {
        Path f = dir.resolve("records.json");
        Files.writeString(f, "{\"Records\":[{\"SequenceNumber\":\"1\",\"Data\":\""
                + Base64.getEncoder().encodeToString(gzip(ENVELOPE)) + "\",\"PartitionKey\":\"k\"}]}");
        assertThat(reader.readAll(List.of(f))).extracting(LogEvent::message).containsExactly("ERROR one", "ERROR two");
    }

    @Test
    void shouldReadFilterLogEventsOutputWithTheLogGroupFromTheService() throws IOException {
        Path f = dir.resolve("export.json");
        Files.writeString(f, "{\"events\":[{\"logStreamName\":\"ecs/web/" + TASK + "\",\"timestamp\":5,\"message\":\"hi\","
                + "\"ingestionTime\":6,\"eventId\":\"e1\"}],\"searchedLogStreams\":[]}");
        ReplayReader withService = new ReplayReader(new ReplayReader.Defaults(Optional.of("web"), Optional.empty(),
                Optional.empty(), LogGroupPattern.parse("/ecs/prod/{service}")));
        LogEvent e = withService.readAll(List.of(f)).get(0);
        assertThat(e.logGroup()).isEqualTo("/ecs/prod/web");
        assertThat(e.service()).isEqualTo("web");
        assertThat(e.ingestionTime()).isEqualTo(6);
        assertThatThrownBy(() -> reader.readAll(List.of(f))).hasMessageContaining("give --log-group or --service");
    }

    @Test
    void shouldReadJsonLinesAndDeriveStableIdsForEventsWithoutOne() throws IOException {
        Path f = dir.resolve("events.jsonl");
        Files.writeString(f, "{\"service\":\"api\",\"logStream\":\"s\",\"timestamp\":1,\"message\":\"a\"}\n\n"
                + "{\"logGroup\":\"/ecs/web\",\"logStream\":\"s\",\"timestamp\":2,\"message\":\"b\",\"eventId\":\"x\"}\n");
        List<LogEvent> once = reader.readAll(List.of(f));
        assertThat(once).extracting(LogEvent::service, LogEvent::logGroup)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "/ecs/api"), org.assertj.core.groups.Tuple.tuple("web", "/ecs/web"));
        assertThat(once.get(0).eventId()).startsWith("replay-");
        assertThat(reader.readAll(List.of(f)).get(0).eventId()).isEqualTo(once.get(0).eventId());
        assertThat(once.get(1).eventId()).isEqualTo("x");
    }

    @Test
    void shouldNameTheFileAndLineOfInputItCannotRead() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"service\":\"api\",\"timestamp\":1,\"message\":\"a\"}\nnot json\n");
        assertThatThrownBy(() -> reader.readAll(List.of(f))).hasMessageContaining("bad.jsonl:2: not JSON");
        Path g = dir.resolve("bad.gz");
        Files.write(g, gzip("{\"hello\":1}"));
        assertThatThrownBy(() -> reader.readAll(List.of(g))).hasMessageContaining("not a CloudWatch Logs subscription envelope");
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
