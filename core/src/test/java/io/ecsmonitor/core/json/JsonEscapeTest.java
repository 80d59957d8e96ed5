package io.ecsmonitor.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonEscapeTest {

    @Test
    void shouldDecodeEachEscapeAndReturnTheIndexPastIt() {
        StringBuilder out = new StringBuilder();
        String s = "a\\nb\\\"c\\u00e9d\\/";

        assertThat(JsonEscape.decode(s, 1, out)).isEqualTo(3);
        assertThat(JsonEscape.decode(s, 4, out)).isEqualTo(6);
        assertThat(JsonEscape.decode(s, 7, out)).isEqualTo(13);
        assertThat(JsonEscape.decode(s, 14, out)).isEqualTo(16);
        assertThat(out).hasToString("\n\"é/");
    }

    @Test
    void shouldRejectUnknownOrTruncatedEscapesWithoutAppending() {
        StringBuilder out = new StringBuilder();

        assertThat(JsonEscape.decode("\\x", 0, out)).isEqualTo(-1);
        assertThat(JsonEscape.decode("\\u12", 0, out)).isEqualTo(-1);
        assertThat(JsonEscape.decode("\\u12g4", 0, out)).isEqualTo(-1);
        assertThat(JsonEscape.decode("\\", 0, out)).isEqualTo(-1);
        assertThat(out).isEmpty();
    }
}
