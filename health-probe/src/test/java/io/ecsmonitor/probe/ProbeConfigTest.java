package io.ecsmonitor.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsmonitor.core.config.EcsEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProbeConfigTest {

    @Test
    void shouldDocumentEverySetting() {
        for (ConfigDef.ConfigKey key : ProbeConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank().endsWith(".");
        }
    }

    @Test
    void shouldApplyTheIssuesDefaults() {
        ProbeConfig c = new ProbeConfig(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod"));
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.httpAttempts()).isEqualTo(3);
        assertThat(c.httpPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.tlsWarningDays()).isEqualTo(14);
        assertThat(c.tlsCriticalDays()).isEqualTo(3);
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.topic()).isEqualTo("ecs-monitor.health");
        assertThat(c.awsEndpoint()).isEmpty();
        assertThat(c.httpTargets()).isEmpty();
    }

    @Test
    void shouldTakeTheOriginalToolsVariables() {
        EcsEnvironment env = EcsEnvironment.from(Map.of("ECS_CLUSTER", "prod", "ECS_REGION", "eu-west-1",
                "ECS_DOMAIN", "https://example.com/", "ECS_SERVICES", "api,worker",
                "ECS_HTTP_ENDPOINTS", "https://api.example.com/health,http://10.0.0.1:8080/ping"));
        ProbeConfig c = new ProbeConfig(ProbeConfig.fromEnvironment(env));
        assertThat(c.cluster()).isEqualTo("prod");
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.services()).containsExactly("api", "worker");
        assertThat(c.httpTargets()).containsExactly(URI.create("https://example.com/"),
                URI.create("https://api.example.com/health"), URI.create("http://10.0.0.1:8080/ping"));
    }

    @Test
    void shouldRejectBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> new ProbeConfig(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("ecs.cluster");
        assertThatThrownBy(() -> new ProbeConfig(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod", ProbeConfig.HTTP_ATTEMPTS_CONFIG, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.attempts");
        assertThatThrownBy(() -> new ProbeConfig(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod", ProbeConfig.HTTP_ENDPOINTS_CONFIG, "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.endpoints");
        assertThatThrownBy(() -> new ProbeConfig(Map.of(ProbeConfig.CLUSTER_CONFIG, "prod", ProbeConfig.TLS_CRITICAL_DAYS_CONFIG, "20")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.critical.days");
    }
}
