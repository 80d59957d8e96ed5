package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogEventReaderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadWhatTheTopicSerdeWritesIntoAnEqualEvent() {
        LogEvent e = new LogEvent("api", "prod", "/ecs/api", "ecs/api/t1", "t1", "app", "3759", 1_700_000_000_123L,
                1_700_000_000_456L, "ERROR \"quoted\" ünïcødé \uD83D\uDE00\n\tat x", "subscription");
        byte[] json = Topics.LOGS_RAW.valueSerde().serializer().serialize("t", e);

        assertThat(LogEventReader.read(json)).isEqualTo(e);
    }

    @Test
    void shouldReadAbsentAndNullFieldsAsTheSerdeDoes() {
        byte[] json = utf8("{\"service\":\"api\",\"cluster\":null,\"logGroup\":\"g\",\"message\":\"\"}");

        assertThat(LogEventReader.read(json)).isEqualTo(Topics.LOGS_RAW.valueSerde().deserializer().deserialize("t", json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "[1]", "{\"service\":\"api\"} trailing", "{\"service\":\"a\",\"service\":\"b\"}",
        "{\"timestamp\":\"123\"}", "{\"timestamp\":1.5}", "{\"timestamp\":123456789012345678901234}",
        "{\"service\":42}", "{\"extra\":{\"nested\":true}}", "{\"service\":\"api\"", ""})
    void shouldLeaveUnusualValuesToTheSerde(String value) {
        assertThat(LogEventReader.read(utf8(value))).isNull();
    }
}
