package io.ecsmonitor.ingest.poll;

import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.ingest.connect.CommonConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link CloudWatchLogsSourceConnector} and its tasks, declared once. */
public final class CloudWatchLogsSourceConfig extends AbstractConfig {

    public static final String GROUPS_CONFIG = "logs.groups";
    public static final String GROUPS_DOC = "Log groups to read, comma-separated. Empty: discover them from ECS (ListServices on ecs.cluster, "
            + "each service's group named by ecs.log.pattern).";
    public static final String SERVICES_CONFIG = "logs.services";
    public static final String SERVICES_DOC = "With discovery: only these services (ECS_SERVICES), comma-separated. Empty: every service of the cluster.";
    public static final String DISCOVERY_INTERVAL_CONFIG = "logs.discovery.interval.ms";
    public static final long DISCOVERY_INTERVAL_DEFAULT = 300_000;
    public static final String DISCOVERY_INTERVAL_DOC = "How often the services of the cluster are listed again; new or removed log groups reconfigure the tasks.";
    public static final String POLL_INTERVAL_CONFIG = "logs.poll.interval.ms";
    public static final long POLL_INTERVAL_DEFAULT = 5_000;
    public static final String POLL_INTERVAL_DOC = "Least time between two queries of one log group (a query may take several FilterLogEvents pages).";
    public static final String OVERLAP_CONFIG = "logs.overlap.ms";
    public static final long OVERLAP_DEFAULT = 60_000;
    public static final String OVERLAP_DOC = "Each query starts this long before the last timestamp read, so events CloudWatch ingests late "
            + "are still found; event ids already emitted are dropped. Events later than this are missed.";
    public static final String LOOKBACK_CONFIG = "logs.start.lookback.ms";
    public static final long LOOKBACK_DEFAULT = 300_000;
    public static final String LOOKBACK_DOC = "A log group with no stored offset is read from this long before now.";
    public static final String BUDGET_CONFIG = "logs.calls.per.second";
    public static final double BUDGET_DEFAULT = 5.0;
    public static final String BUDGET_DOC = "FilterLogEvents calls per second for the whole connector, split evenly across its tasks. "
            + "AWS allows 5 per second per account and region, shared by every caller.";
    public static final String BACKOFF_MAX_CONFIG = "logs.backoff.max.ms";
    public static final long BACKOFF_MAX_DEFAULT = 30_000;
    public static final String BACKOFF_MAX_DOC = "Longest wait after ThrottlingException or a failed call; the wait starts at 1 s and doubles.";
    public static final String PAGE_LIMIT_CONFIG = "logs.page.limit";
    public static final int PAGE_LIMIT_DEFAULT = 10_000;
    public static final String PAGE_LIMIT_DOC = "Events asked for per FilterLogEvents page (1 to 10000).";
    /** Internal: the log groups of one task. */
    public static final String TASK_GROUPS_CONFIG = "logs.task.groups";
    public static final String TASK_GROUPS_DOC = "Internal, set by the connector for each task: the log groups it reads.";
    /** Internal: the call budget of one task. */
    public static final String TASK_BUDGET_CONFIG = "logs.task.calls.per.second";
    public static final String TASK_BUDGET_DOC = "Internal, set by the connector for each task: its share of logs.calls.per.second. Negative: all of it.";

    /** The configuration's definition. */
    public static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef())
            .define(GROUPS_CONFIG, Type.LIST, "", Importance.HIGH, GROUPS_DOC)
            .define(SERVICES_CONFIG, Type.LIST, "", Importance.MEDIUM, SERVICES_DOC)
            .define(DISCOVERY_INTERVAL_CONFIG, Type.LONG, DISCOVERY_INTERVAL_DEFAULT, ConfigDef.Range.atLeast(100), Importance.LOW, DISCOVERY_INTERVAL_DOC)
            .define(POLL_INTERVAL_CONFIG, Type.LONG, POLL_INTERVAL_DEFAULT, ConfigDef.Range.atLeast(0), Importance.MEDIUM, POLL_INTERVAL_DOC)
            .define(OVERLAP_CONFIG, Type.LONG, OVERLAP_DEFAULT, ConfigDef.Range.atLeast(0), Importance.MEDIUM, OVERLAP_DOC)
            .define(LOOKBACK_CONFIG, Type.LONG, LOOKBACK_DEFAULT, ConfigDef.Range.atLeast(0), Importance.MEDIUM, LOOKBACK_DOC)
            .define(BUDGET_CONFIG, Type.DOUBLE, BUDGET_DEFAULT, ConfigDef.Range.between(0.01, 1000), Importance.HIGH, BUDGET_DOC)
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW, BACKOFF_MAX_DOC)
            .define(PAGE_LIMIT_CONFIG, Type.INT, PAGE_LIMIT_DEFAULT, ConfigDef.Range.between(1, 10_000), Importance.LOW, PAGE_LIMIT_DOC)
            .define(TASK_GROUPS_CONFIG, Type.LIST, "", Importance.LOW, TASK_GROUPS_DOC)
            .define(TASK_BUDGET_CONFIG, Type.DOUBLE, -1.0, Importance.LOW, TASK_BUDGET_DOC);

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException with a sentence naming the key and what to change
     */
    public CloudWatchLogsSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        if (groups().isEmpty() && cluster().isBlank()) {
            throw new ConfigException("neither " + GROUPS_CONFIG + " nor " + CommonConfig.CLUSTER_CONFIG
                    + " is set; list the log groups, or name the ECS cluster whose services' log groups to read");
        }
    }

    public List<String> groups() {
        return getList(GROUPS_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> services() {
        return getList(SERVICES_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public long discoveryIntervalMs() {
        return getLong(DISCOVERY_INTERVAL_CONFIG);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_CONFIG);
    }

    public long overlapMs() {
        return getLong(OVERLAP_CONFIG);
    }

    public long lookbackMs() {
        return getLong(LOOKBACK_CONFIG);
    }

    public double budget() {
        return getDouble(BUDGET_CONFIG);
    }

    /** This task's calls per second. */
    public double taskBudget() {
        double b = getDouble(TASK_BUDGET_CONFIG);
        return b > 0 ? b : budget();
    }

    public long backoffMaxMs() {
        return getLong(BACKOFF_MAX_CONFIG);
    }

    public int pageLimit() {
        return getInt(PAGE_LIMIT_CONFIG);
    }

    public List<String> taskGroups() {
        return getList(TASK_GROUPS_CONFIG);
    }

    public AwsSettings awsSettings() {
        // One attempt per call: every call counts against the FilterLogEvents budget, so retries are ours to pace.
        return CommonConfig.awsSettings(this).withMaxAttempts(1);
    }

    public LogGroupPattern pattern() {
        return CommonConfig.pattern(this);
    }

    public String cluster() {
        return getString(CommonConfig.CLUSTER_CONFIG).trim();
    }

    public String topic() {
        return getString(CommonConfig.TOPIC_CONFIG);
    }

    public String dlqTopic() {
        return getString(CommonConfig.DLQ_TOPIC_CONFIG);
    }
}
