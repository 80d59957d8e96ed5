package io.ecsmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonMessageTest {

    @Test
    void shouldReturnTheTopLevelMessageWithEscapesDecoded() throws Exception {
        assertThat(JsonMessage.extract("{\"a\":{\"message\":\"nested\"},\"message\":\"line 1\\nline \\\"2\\\" \\u00e9\",\"n\":-1.5e3}"))
                .isEqualTo("line 1\nline \"2\" é");
    }

    @Test
    void shouldReturnNullWhenThereIsNoMessageString() throws Exception {
        assertThat(JsonMessage.extract("{\"msg\":\"x\",\"message\":null}")).isNull();
        assertThat(JsonMessage.extract("{}")).isNull();
    }

    @Test
    void shouldRejectWhatIsNotOneJsonObject() {
        assertThatThrownBy(() -> JsonMessage.extract("[1,2]")).isInstanceOf(JsonMessage.Invalid.class).hasMessageContaining("'{'");
        assertThatThrownBy(() -> JsonMessage.extract("{\"message\":\"x\"} trailing")).isInstanceOf(JsonMessage.Invalid.class)
                .hasMessageContaining("after the closing");
        assertThatThrownBy(() -> JsonMessage.extract("{\"message\":\"unterminated}")).isInstanceOf(JsonMessage.Invalid.class);
        assertThatThrownBy(() -> JsonMessage.extract("{\"message\" \"x\"}")).isInstanceOf(JsonMessage.Invalid.class)
                .hasMessageContaining("':'");
        assertThatThrownBy(() -> JsonMessage.extract("{\"a\":tru}")).isInstanceOf(JsonMessage.Invalid.class);
        assertThatThrownBy(() -> JsonMessage.extract("{\"a\":1,}")).isInstanceOf(JsonMessage.Invalid.class);
        assertThatThrownBy(() -> JsonMessage.extract("{\"a\":\"bad \\x escape\"}")).isInstanceOf(JsonMessage.Invalid.class);
    }
}
