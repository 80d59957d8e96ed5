package io.ecsmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.alerts.sink.SinksConfig;
import io.ecsmonitor.core.model.Category;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConfigDocumentationTest {

    @Test
    void shouldDocumentEverySetting() {
        for (ConfigDef def : new ConfigDef[] {AlertsConfig.CONFIG_DEF, SinksConfig.CONFIG_DEF}) {
            assertThat(def.configKeys().values()).allSatisfy(k -> {
                assertThat(k.documentation).as(k.name).isNotBlank().endsWith(".");
                assertThat(k.name).startsWith(def == AlertsConfig.CONFIG_DEF ? "alerts." : "");
            });
        }
    }

    @Test
    void shouldParseDefaultsAndRejectContradictions() {
        AlertsConfig c = AlertsConfig.defaults();
        assertThat(c.crashCategories).containsExactlyInAnyOrder(Category.OOM, Category.PANIC, Category.FATAL);
        assertThat(c.renotifyInterval).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.tlsWarningDays).isEqualTo(14);
        assertThat(c.historyRetention()).isEqualTo(Duration.ofMinutes(66));
        assertThatThrownBy(() -> new AlertsConfig(Map.of(AlertsConfig.CRASH_CATEGORIES_CONFIG, "oom,kaboom")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kaboom");
        assertThatThrownBy(() -> new AlertsConfig(Map.of(AlertsConfig.TLS_CRITICAL_DAYS_CONFIG, "20")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AlertsConfig.TLS_WARNING_DAYS_CONFIG);
        assertThatThrownBy(() -> new AlertsConfig(Map.of(AlertsConfig.LOG_GROUP_PATTERN_CONFIG, "/ecs/app")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("{service}");
    }
}
