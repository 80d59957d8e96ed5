package io.ecsmonitor.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ecsmonitor.awsfakes.EcsFake;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.ingest.connect.CommonConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudWatchLogsSourceConnectorTest {

    private FakeAws aws;
    private EcsFake ecs;
    private CloudWatchLogsSourceConnector connector;
    private final AtomicInteger reconfigurations = new AtomicInteger();

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        ecs = new EcsFake().maxPageSize(2);
        aws.register(ecs);
        connector = new CloudWatchLogsSourceConnector();
        connector.initialize(new ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
                reconfigurations.incrementAndGet();
            }

            @Override
            public void raiseError(Exception e) {
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
    }

    @AfterEach
    void stop() {
        connector.stop();
        aws.close();
    }

    private Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put(CommonConfig.AWS_ENDPOINT_CONFIG, aws.endpoint().toString());
        c.put(CommonConfig.AWS_REGION_CONFIG, "us-east-1");
        return c;
    }

    @Test
    void shouldGiveTasksDisjointGroupsAndAnEqualShareOfTheBudget() {
        Map<String, String> c = config();
        c.put(CloudWatchLogsSourceConfig.GROUPS_CONFIG, "/ecs/a,/ecs/b,/ecs/c,/ecs/d,/ecs/e");
        c.put(CloudWatchLogsSourceConfig.BUDGET_CONFIG, "4");
        connector.start(c);
        List<Map<String, String>> tasks = connector.taskConfigs(2);
        assertThat(tasks).hasSize(2);
        Set<String> seen = new HashSet<>();
        for (Map<String, String> t : tasks) {
            CloudWatchLogsSourceConfig tc = new CloudWatchLogsSourceConfig(t);
            assertThat(tc.taskGroups()).allMatch(seen::add);
            assertThat(tc.taskBudget()).isEqualTo(2.0);
        }
        assertThat(seen).containsExactlyInAnyOrder("/ecs/a", "/ecs/b", "/ecs/c", "/ecs/d", "/ecs/e");
        assertThat(connector.taskConfigs(10)).hasSize(5);
        assertThat(connector.exactlyOnceSupport(c)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void shouldDiscoverGroupsFromEcsServicesAndRequestReconfigurationWhenTheyChange() {
        for (String s : List.of("api", "worker", "web")) {
            ecs.cluster("prod").service(s);
        }
        Map<String, String> c = config();
        c.put(CommonConfig.CLUSTER_CONFIG, "prod");
        c.put(CommonConfig.LOG_PATTERN_CONFIG, "/aws/ecs/prod/{service}");
        c.put(CloudWatchLogsSourceConfig.DISCOVERY_INTERVAL_CONFIG, "200");
        connector.start(c);
        assertThat(connector.taskConfigs(1).get(0).get(CloudWatchLogsSourceConfig.TASK_GROUPS_CONFIG))
                .isEqualTo("/aws/ecs/prod/api,/aws/ecs/prod/web,/aws/ecs/prod/worker");

        ecs.cluster("prod").service("billing");
        ecs.cluster("prod").removeService("web");
        await().atMost(Duration.ofSeconds(10)).until(() -> reconfigurations.get() >= 1);
        assertThat(connector.taskConfigs(1).get(0).get(CloudWatchLogsSourceConfig.TASK_GROUPS_CONFIG))
                .isEqualTo("/aws/ecs/prod/api,/aws/ecs/prod/billing,/aws/ecs/prod/worker");
    }

    @Test
    void shouldRefuseToStartWithAClearErrorWhenMisconfigured() {
        assertThatThrownBy(() -> connector.start(config())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither logs.groups nor ecs.cluster is set");
        Map<String, String> badPattern = config();
        badPattern.put(CloudWatchLogsSourceConfig.GROUPS_CONFIG, "/ecs/api");
        badPattern.put(CommonConfig.LOG_PATTERN_CONFIG, "/ecs/no-placeholder");
        assertThatThrownBy(() -> connector.start(badPattern)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ecs.log.pattern").hasMessageContaining("no {service} placeholder");
        Map<String, String> mismatch = config();
        mismatch.put(CloudWatchLogsSourceConfig.GROUPS_CONFIG, "/other/api");
        assertThatThrownBy(() -> connector.start(mismatch)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not match ecs.log.pattern");
        Map<String, String> noCluster = config();
        noCluster.put(CommonConfig.CLUSTER_CONFIG, "missing");
        assertThatThrownBy(() -> connector.start(noCluster)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("ECS cluster 'missing' does not exist");
    }
}
