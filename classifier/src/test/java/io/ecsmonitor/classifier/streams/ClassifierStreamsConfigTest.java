package io.ecsmonitor.classifier.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ClassifierStreamsConfigTest {

    @Test
    void shouldDocumentEverySetting() {
        for (ConfigDef.ConfigKey key : ClassifierStreamsConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as("documentation of %s", key.name).isNotBlank();
            assertThat(key.hasDefault()).as("default of %s", key.name).isTrue();
        }
    }

    @Test
    void shouldDefaultToExactlyOnceOneHourDedupOneMinuteWindowsAndDayLongStores() {
        ClassifierStreamsConfig c = ClassifierStreamsConfig.of(Map.of());
        assertThat(c.dedupWindowMs).isEqualTo(3_600_000);
        assertThat(c.statsWindowMs).isEqualTo(60_000);
        assertThat(c.storeRetentionMs).isEqualTo(86_400_000);
        assertThat(c.crashLoopThreshold).isEqualTo(3);
        assertThat(c.crashLoopWindowMs).isEqualTo(900_000);
        Properties p = c.streamsProperties();
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    }

    @Test
    void shouldPassUndeclaredKafkaSettingsThrough() {
        Properties p = ClassifierStreamsConfig.of(Map.of("state.dir", "/tmp/x", "security.protocol", "SSL"))
                .streamsProperties();
        assertThat(p).containsEntry("state.dir", "/tmp/x").containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldRejectAStoreRetentionShorterThanWindowAndGraceNamingTheSetting() {
        assertThatThrownBy(() -> ClassifierStreamsConfig.of(Map.of(
                ClassifierStreamsConfig.STORE_RETENTION_MS_CONFIG, 120_000,
                ClassifierStreamsConfig.STATS_GRACE_MS_CONFIG, 300_000)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ClassifierStreamsConfig.STORE_RETENTION_MS_CONFIG);
        assertThatThrownBy(() -> ClassifierStreamsConfig.of(Map.of(
                ClassifierStreamsConfig.PROCESSING_GUARANTEE_CONFIG, "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("processing.guarantee");
    }
}
