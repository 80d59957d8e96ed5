package io.ecsmonitor.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.model.Category;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    record Sample(String service, Category category, long count) {
    }

    private final JsonSerde<Sample> serde = JsonSerde.of(Sample.class);

    @Test
    void shouldRoundTripARecordWithItsCategoryAsItsWireName() {
        byte[] bytes = serde.serializer().serialize("t", new Sample("api", Category.HTTP_5XX, 3));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"category\":\"http_5xx\"");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(new Sample("api", Category.HTTP_5XX, 3));
    }

    @Test
    void shouldMapNullToNullBothWays() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldFailWithSerializationExceptionOnInvalidJson() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("logs", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("from topic logs");
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() {
        byte[] bytes = "{\"service\":\"api\",\"category\":\"oom\",\"count\":1,\"added\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(new Sample("api", Category.OOM, 1));
    }
}
