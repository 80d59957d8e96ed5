package io.ecsmonitor.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.ingest.kinesis.KinesisSourceConfig;
import io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConfig;
import io.ecsmonitor.ingest.worker.IngestWorkerConfig;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** Every setting of both connectors says what it does. */
class ConfigDocumentationTest {

    @Test
    void shouldDocumentEverySettingOfBothConnectors() {
        for (ConfigDef def : List.of(KinesisSourceConfig.CONFIG_DEF, CloudWatchLogsSourceConfig.CONFIG_DEF, IngestWorkerConfig.CONFIG_DEF)) {
            assertThat(def.configKeys().values()).isNotEmpty().allSatisfy(key ->
                    assertThat(key.documentation).as("documentation of " + key.name).isNotBlank().hasSizeGreaterThan(20));
        }
    }
}
