package io.ecsmonitor.ingest.poll;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.ingest.connect.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Polls CloudWatch Logs with FilterLogEvents and puts one record per log event on
 * {@code ecs-monitor.logs.raw}. Log groups come from {@value CloudWatchLogsSourceConfig#GROUPS_CONFIG}
 * or from the services of the ECS cluster (re-discovered every
 * {@value CloudWatchLogsSourceConfig#DISCOVERY_INTERVAL_CONFIG}); each task gets a disjoint set of groups
 * and an equal share of the call budget.
 */
public class CloudWatchLogsSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogsSourceConnector.class);

    private Map<String, String> props;
    private CloudWatchLogsSourceConfig config;
    private EcsClient ecs;
    private ScheduledExecutorService monitor;
    private volatile Set<String> groups = Set.of();

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.config = new CloudWatchLogsSourceConfig(props);
        LogGroupPattern pattern = config.pattern();
        if (!config.groups().isEmpty()) {
            for (String g : config.groups()) {
                if (pattern.service(g).isEmpty()) {
                    throw new ConfigException(CloudWatchLogsSourceConfig.GROUPS_CONFIG, g,
                            "does not match ecs.log.pattern '" + pattern + "', so no service can be named for its events; "
                                    + "fix the pattern or the group");
                }
            }
            groups = new TreeSet<>(config.groups());
        } else {
            ecs = AwsClients.sync(EcsClient.builder(), config.awsSettings().withMaxAttempts(4));
            groups = discover();
            monitor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "log-group-discovery");
                t.setDaemon(true);
                return t;
            });
            monitor.scheduleWithFixedDelay(this::rediscover, config.discoveryIntervalMs(), config.discoveryIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("CloudWatch Logs connector started groups={} callsPerSecond={} discovery={}", groups, config.budget(),
                ecs != null);
    }

    private Set<String> discover() {
        return LogGroupDiscovery.fromEcs(ecs, config.cluster(), config.services(), config.pattern());
    }

    private void rediscover() {
        try {
            Set<String> now = discover();
            if (!now.equals(groups)) {
                LOG.info("log groups changed from {} to {}; requesting task reconfiguration", groups, now);
                groups = now;
                context.requestTaskReconfiguration();
            }
        } catch (RuntimeException e) {
            LOG.warn("discovering the services of {} failed; will retry: {}", config.cluster(), e.toString());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CloudWatchLogsSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> all = new ArrayList<>(groups);
        int tasks = Math.min(maxTasks, all.size());
        List<Map<String, String>> out = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            List<String> mine = new ArrayList<>();
            for (int i = t; i < all.size(); i += tasks) {
                mine.add(all.get(i));
            }
            Map<String, String> task = new HashMap<>(props);
            task.put(CloudWatchLogsSourceConfig.TASK_GROUPS_CONFIG, String.join(",", mine));
            task.put(CloudWatchLogsSourceConfig.TASK_BUDGET_CONFIG, String.format(Locale.ROOT, "%.6f", config.budget() / tasks));
            out.add(task);
        }
        LOG.info("{} log groups over {} tasks, {} calls/s each", all.size(), tasks,
                tasks == 0 ? 0 : config.budget() / tasks);
        return out;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
        }
        if (ecs != null) {
            ecs.close();
        }
    }

    @Override
    public ConfigDef config() {
        return CloudWatchLogsSourceConfig.CONFIG_DEF;
    }

    /**
     * Offsets are per log group and written with the records, so Connect's exactly-once mode holds for
     * what the connector emits; events CloudWatch ingests later than the overlap window are missed either way.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
