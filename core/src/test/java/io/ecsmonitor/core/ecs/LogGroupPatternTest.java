package io.ecsmonitor.core.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogGroupPatternTest {

    @Test
    void shouldMapServiceToLogGroupAndBackWithTheDefaultPattern() {
        LogGroupPattern p = LogGroupPattern.parse(null);
        assertThat(p.logGroup("api")).isEqualTo("/ecs/api");
        assertThat(p.service("/ecs/api")).contains("api");
        assertThat(p.service("/aws/lambda/api")).isEmpty();
    }

    @Test
    void shouldHonourACustomPatternWithASuffix() {
        LogGroupPattern p = LogGroupPattern.parse("/ecs/prod/{service}-logs");
        assertThat(p.logGroup("web")).isEqualTo("/ecs/prod/web-logs");
        assertThat(p.service("/ecs/prod/web-logs")).contains("web");
        assertThat(p.service("/ecs/prod/web")).isEmpty();
        assertThat(p.service("/ecs/prod/a.b-logs")).contains("a.b");
    }

    @Test
    void shouldRejectAPatternWithoutOrWithTwoPlaceholders() {
        assertThatThrownBy(() -> LogGroupPattern.parse("/ecs/api")).hasMessageContaining("no {service}");
        assertThatThrownBy(() -> LogGroupPattern.parse("/{service}/{service}")).hasMessageContaining("more than once");
    }

    @Test
    void shouldSplitAnAwslogsStreamNameIntoPrefixContainerAndTask() {
        assertThat(AwsLogStream.parse("ecs/api/0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
                .contains(new AwsLogStream("ecs", "api", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
        assertThat(AwsLogStream.parse("prod/web/app/5b0e8a4c-1d2e-4f3a-9b8c-7d6e5f4a3b2c"))
                .contains(new AwsLogStream("prod/web", "app", "5b0e8a4c-1d2e-4f3a-9b8c-7d6e5f4a3b2c"));
        assertThat(AwsLogStream.parse("api-firelens-0f1e2d3c")).isEmpty();
        assertThat(AwsLogStream.parse("ecs/api/not-a-task")).isEmpty();
    }
}
