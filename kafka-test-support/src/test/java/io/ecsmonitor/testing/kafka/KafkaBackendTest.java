package io.ecsmonitor.testing.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBackendTest {

    @Test
    void shouldRunInProcessWhenNothingIsChosen() {
        assertThat(KafkaBackend.fromSetting(null)).isEqualTo(KafkaBackend.IN_PROCESS);
        assertThat(KafkaBackend.fromSetting(" ")).isEqualTo(KafkaBackend.IN_PROCESS);
    }

    @Test
    void shouldAcceptBackendNamesInAnyCase() {
        assertThat(KafkaBackend.fromSetting("Testcontainers")).isEqualTo(KafkaBackend.TESTCONTAINERS);
        assertThat(KafkaBackend.fromSetting(" in-process ")).isEqualTo(KafkaBackend.IN_PROCESS);
    }

    @Test
    void shouldNameTheSettingAndTheChoicesWhenTheBackendIsUnknown() {
        assertThatThrownBy(() -> KafkaBackend.fromSetting("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ECS_MONITOR_TEST_KAFKA=docker")
                .hasMessageContaining("in-process, testcontainers");
    }
}
