package io.ecsmonitor.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    @Test
    void shouldDocumentEverySetting() {
        assertThat(RunConfig.CONFIG.configKeys().values())
                .allSatisfy(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }

    @Test
    void shouldLetEnvironmentVariablesOverrideTheFile() {
        RunConfig c = RunConfig.resolve(
                Map.of("kafka.bootstrap.servers", "file:9092", "roles", "streams", "ECS_CLUSTER", "from-file"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "ECS_CLUSTER", "from-env", "PATH", "/bin"));
        assertThat(c.bootstrapServers()).isEqualTo("env:9092");
        assertThat(c.roles()).containsExactly("streams");
        assertThat(c.originalsAsStrings()).containsEntry("ECS_CLUSTER", "from-env").doesNotContainKey("PATH");
    }

    @Test
    void shouldPassKafkaSecuritySettingsThroughToClientsAndMaskSecrets() {
        RunConfig c = RunConfig.resolve(Map.of("kafka.ssl.truststore.location", "/etc/ts.jks"),
                Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p\";",
                        "KAFKA_HEAP_OPTS", "-Xmx1g"));
        assertThat(c.kafkaClientSettings()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("ssl.truststore.location", "/etc/ts.jks").containsKey("sasl.jaas.config")
                .doesNotContainKey("heap.opts");
        assertThat(c.masked()).containsEntry("kafka.sasl.jaas.config", "********").containsEntry("kafka.security.protocol", "SASL_SSL");
    }

    @Test
    void shouldDefaultToEveryRoleOnAnEmbeddedBroker() {
        RunConfig c = RunConfig.resolve(Map.of(), Map.of());
        assertThat(c.bootstrapServers()).isEmpty();
        assertThat(c.roles()).isEqualTo(List.of("ingest", "streams", "probe", "sinks"));
        assertThat(c.httpPort()).isEqualTo(8080);
    }

    @Test
    void shouldRejectAnUnknownRoleNamingTheChoices() {
        assertThatThrownBy(() -> RunConfig.resolve(Map.of(), Map.of("ECS_MONITOR_ROLES", "streams,web")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("web").hasMessageContaining("roles");
    }
}
