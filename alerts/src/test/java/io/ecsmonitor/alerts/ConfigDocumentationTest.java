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

    @Test
    void shouldTakeRegionClusterAndLogPatternFromTheOriginalToolsVariables() {
        io.ecsmonitor.core.config.EcsEnvironment env = io.ecsmonitor.core.config.EcsEnvironment.from(Map.of(
                "ECS_REGION", "eu-west-1", "ECS_CLUSTER", "prod", "ECS_LOG_PATTERN", "/aws/ecs/{service}-logs"));
        AlertsConfig c = AlertsConfig.from(Map.of("alerts.tls.warning.days", "21", "unrelated", "x"), env);
        assertThat(c.region).isEqualTo("eu-west-1");
        assertThat(c.cluster).contains("prod");
        assertThat(c.logGroupPattern.logGroup("api")).isEqualTo("/aws/ecs/api-logs");
        assertThat(c.tlsWarningDays).isEqualTo(21);
        assertThat(AlertsConfig.from(Map.of("alerts.aws.region", "us-west-2"), env).region).isEqualTo("us-west-2");
    }
}
