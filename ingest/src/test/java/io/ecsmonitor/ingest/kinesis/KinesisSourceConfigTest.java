package io.ecsmonitor.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.ingest.connect.CommonConfig;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KinesisSourceConfigTest {

    @Test
    void shouldRejectAMissingStreamAndABadPatternWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> new KinesisSourceConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kinesis.stream");
        assertThatThrownBy(() -> new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, "s",
                CommonConfig.LOG_PATTERN_CONFIG, "/ecs/{service}/{service}"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ecs.log.pattern").hasMessageContaining("more than once");
        assertThatThrownBy(() -> new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, "s",
                KinesisSourceConfig.POSITION_CONFIG, "AT_TIMESTAMP"))).hasMessageContaining("kinesis.initial.timestamp");
        assertThatThrownBy(() -> new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, "s",
                CommonConfig.AWS_ENDPOINT_CONFIG, "localhost:4567"))).hasMessageContaining("http(s) URL");
    }

    @Test
    void shouldReadTheInitialPositionAndTimestamp() {
        KinesisSourceConfig c = new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, "s",
                KinesisSourceConfig.POSITION_CONFIG, "at_timestamp", KinesisSourceConfig.TIMESTAMP_CONFIG, "2026-11-22T10:00:00Z"));
        assertThat(c.initialPosition()).isEqualTo(KinesisSourceConfig.InitialPosition.AT_TIMESTAMP);
        assertThat(c.initialTimestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(new KinesisSourceConfig(Map.of(KinesisSourceConfig.STREAM_CONFIG, "s")).initialPosition())
                .isEqualTo(KinesisSourceConfig.InitialPosition.TRIM_HORIZON);
    }
}
