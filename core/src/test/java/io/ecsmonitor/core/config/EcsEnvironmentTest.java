package io.ecsmonitor.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsEnvironmentTest {

    @Test
    void shouldApplyTheOriginalToolsDefaults() {
        EcsEnvironment env = EcsEnvironment.from(Map.of());
        assertThat(env.cluster()).isEmpty();
        assertThat(env.region()).isEqualTo("us-east-1");
        assertThat(env.regionSet()).isFalse();
        assertThat(env.services()).isEmpty();
        assertThat(env.healthState()).isEqualTo(Path.of("./data/ecs-health.json"));
        assertThat(env.outDir()).isEqualTo(Path.of("./data/"));
        assertThat(env.logPattern().logGroup("api")).isEqualTo("/ecs/api");
    }

    @Test
    void shouldReadEveryVariable() {
        EcsEnvironment env = EcsEnvironment.from(Map.of(
                "ECS_CLUSTER", "prod", "ECS_REGION", "eu-west-1", "ECS_DOMAIN", "https://example.com/",
                "ECS_SERVICES", "api, worker", "ECS_health_OUTDIR", "/tmp/out", "ECS_HEALTH_OUTDIR", "/tmp/ignored",
                "ECS_LOG_PATTERN", "/ecs/prod/{service}", "ECS_HTTP_ENDPOINTS", "https://a.example.com/health,http://b:8080/"));
        assertThat(env.requireCluster()).isEqualTo("prod");
        assertThat(env.region()).isEqualTo("eu-west-1");
        assertThat(env.domain()).contains("example.com");
        assertThat(env.services()).containsExactly("api", "worker");
        assertThat(env.outDir()).isEqualTo(Path.of("/tmp/out"));
        assertThat(env.logPattern().logGroup("api")).isEqualTo("/ecs/prod/api");
        assertThat(env.httpEndpoints()).containsExactly(URI.create("https://a.example.com/health"), URI.create("http://b:8080/"));
    }

    @Test
    void shouldAcceptTheUpperCaseOutdirSpelling() {
        assertThat(EcsEnvironment.from(Map.of("ECS_HEALTH_OUTDIR", "/tmp/x")).outDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void shouldSayWhatToFixForEachBadVariable() {
        assertThatThrownBy(() -> EcsEnvironment.from(Map.of()).requireCluster())
                .hasMessage("ECS_CLUSTER is not set; set it to your ECS cluster name, like ECS_CLUSTER=my-cluster");
        assertThatThrownBy(() -> EcsEnvironment.from(Map.of("ECS_REGION", "Frankfurt"))).hasMessageStartingWith("ECS_REGION='Frankfurt'");
        assertThatThrownBy(() -> EcsEnvironment.from(Map.of("ECS_SERVICES", "api;web"))).hasMessageContaining("api;web");
        assertThatThrownBy(() -> EcsEnvironment.from(Map.of("ECS_LOG_PATTERN", "/ecs/x"))).hasMessageStartingWith("ECS_LOG_PATTERN:");
        assertThatThrownBy(() -> EcsEnvironment.from(Map.of("ECS_HTTP_ENDPOINTS", "ftp://x"))).hasMessageContaining("ftp://x");
    }

    @Test
    void shouldKeepTheServiceOrderGiven() {
        assertThat(EcsEnvironment.from(Map.of("ECS_SERVICES", "b,a,c")).services()).isEqualTo(List.of("b", "a", "c"));
    }
}
