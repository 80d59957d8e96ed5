package io.ecsmonitor.classifier.stitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StitchConfigTest {

    @Test
    void shouldDefaultToTwoSecondsFiveHundredLinesAnd256KiB() {
        assertThat(StitchConfig.DEFAULTS).isEqualTo(new StitchConfig(2_000, 500, 262_144));
    }

    @Test
    void shouldRejectLimitsThatWouldDisableOrBreakStitchingWithTheDefaultInTheMessage() {
        assertThatThrownBy(() -> new StitchConfig(0, 500, 262_144))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quietMs must be at least 1 ms, was 0; the default is 2000");
        assertThatThrownBy(() -> new StitchConfig(2_000, 1, 262_144))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLines must be at least 2, was 1; the default is 500");
        assertThatThrownBy(() -> new StitchConfig(2_000, 500, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be at least 1024, was 100; the default is 262144");
    }
}
