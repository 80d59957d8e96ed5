package io.ecsmonitor.ingest.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.ingest.testing.CloudWatchPayloads;
import io.ecsmonitor.ingest.testing.Kinesalite;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeDecoderTest {

    @Test
    void shouldDecodeEveryEventOfADataMessageInOrder() throws Exception {
        byte[] payload = CloudWatchPayloads.data("/ecs/api", "ecs/api/abc", List.of(
                new CloudWatchPayloads.Entry("1", 10L, "first"), new CloudWatchPayloads.Entry("2", 11L, "second\nline")));
        CloudWatchEnvelope e = EnvelopeDecoder.decode(payload);
        assertThat(e.isControl()).isFalse();
        assertThat(e.logGroup()).isEqualTo("/ecs/api");
        assertThat(e.logStream()).isEqualTo("ecs/api/abc");
        assertThat(e.subscriptionFilters()).containsExactly("ecs-monitor");
        assertThat(e.logEvents()).containsExactly(new CloudWatchEnvelope.Entry("1", 10L, "first"),
                new CloudWatchEnvelope.Entry("2", 11L, "second\nline"));
    }

    @Test
    void shouldRecogniseAControlMessageAndCarryNoEvent() throws Exception {
        CloudWatchEnvelope e = EnvelopeDecoder.decode(CloudWatchPayloads.control());
        assertThat(e.isControl()).isTrue();
        assertThat(e.logEvents()).isEmpty();
    }

    @Test
    void shouldSayWhyAPayloadIsRejected() {
        assertThatThrownBy(() -> EnvelopeDecoder.decode("plain".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadPayloadException.class).hasMessageStartingWith("not gzip");
        byte[] truncated = java.util.Arrays.copyOf(Kinesalite.gzip("{\"messageType\":\"DATA_MESSAGE\"}"), 12);
        assertThatThrownBy(() -> EnvelopeDecoder.decode(truncated)).hasMessageStartingWith("not gzip");
        assertThatThrownBy(() -> EnvelopeDecoder.decode(Kinesalite.gzip("{oops")))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> EnvelopeDecoder.decode(Kinesalite.gzip("[1,2]")))
                .hasMessageContaining("not an object");
        assertThatThrownBy(() -> EnvelopeDecoder.decode(Kinesalite.gzip("{\"messageType\":\"OTHER\"}")))
                .hasMessageContaining("unknown messageType 'OTHER'");
        assertThatThrownBy(() -> EnvelopeDecoder.decode(Kinesalite.gzip(
                "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\",\"logEvents\":[{\"id\":\"1\"}]}")))
                .hasMessageContaining("logEvents[0]");
    }
}
