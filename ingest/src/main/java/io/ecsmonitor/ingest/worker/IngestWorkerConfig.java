package io.ecsmonitor.ingest.worker;

import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.ingest.connect.CommonConfig;
import io.ecsmonitor.ingest.connect.LogRecords;
import io.ecsmonitor.ingest.kinesis.KinesisLogsSourceConnector;
import io.ecsmonitor.ingest.kinesis.KinesisSourceConfig;
import io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConfig;
import io.ecsmonitor.ingest.poll.CloudWatchLogsSourceConnector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The configuration of the {@code ingest} role: where Kafka is, how the in-process Connect worker joins
 * its cluster, and what it reads (the Kinesis stream when {@value #KINESIS_STREAM_ENV} is set, otherwise
 * FilterLogEvents polling of the cluster's services). Keys with the prefix {@value #WORKER_PREFIX} go to
 * the worker as they are (minus the prefix), keys with {@value #CONNECTOR_PREFIX} to the connector.
 */
public final class IngestWorkerConfig extends AbstractConfig {

    public static final String BOOTSTRAP_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_DOC = "Kafka bootstrap servers of the ecs-monitor cluster.";
    public static final String GROUP_ID_CONFIG = "ingest.group.id";
    public static final String GROUP_ID_DEFAULT = "ecs-monitor-ingest";
    public static final String GROUP_ID_DOC = "Connect group id: every ingest instance with the same id forms one Connect cluster and shares the tasks. "
            + "The internal topics are named after it (<id>.configs, <id>.offsets, <id>.status).";
    public static final String REST_PORT_CONFIG = "ingest.rest.port";
    public static final int REST_PORT_DEFAULT = 8083;
    public static final String REST_PORT_DOC = "Port of the worker's REST listener; workers forward requests to the leader over it, so "
            + "other instances must reach it. 0 picks a free port.";
    public static final String REST_BIND_CONFIG = "ingest.rest.bind";
    public static final String REST_BIND_DOC = "Address the REST listener binds to.";
    public static final String REST_HOST_CONFIG = "ingest.rest.advertised.host";
    public static final String REST_HOST_DOC = "Host name other workers use to reach this one. Empty: Connect's default (the listener's host, "
            + "or this machine's name).";
    public static final String REBALANCE_DELAY_CONFIG = "ingest.rebalance.delay.ms";
    public static final long REBALANCE_DELAY_DEFAULT = 10_000;
    public static final String REBALANCE_DELAY_DOC = "scheduled.rebalance.max.delay.ms: how long the tasks of a lost worker wait for it to come back "
            + "before they move to the others (Connect's default is 5 minutes).";
    public static final String EXACTLY_ONCE_CONFIG = "ingest.exactly.once";
    public static final String EXACTLY_ONCE_DOC = "Run source tasks in Connect's exactly-once mode (records and offsets in one transaction). "
            + "Needs transactions on the brokers (and IDEMPOTENT_WRITE/transactional-id ACLs where ACLs are on).";
    public static final String REPLICATION_CONFIG = "ingest.replication.factor";
    public static final String REPLICATION_DOC = "Replication factor of the internal topics and of the topics the role creates; -1: the brokers' default.";
    public static final String CONNECTOR_NAME_CONFIG = "ingest.connector.name";
    public static final String CONNECTOR_NAME_DEFAULT = "ecs-monitor-logs";
    public static final String CONNECTOR_NAME_DOC = "Name of the connector the role creates or updates.";
    public static final String TASKS_MAX_CONFIG = "ingest.tasks.max";
    public static final String TASKS_MAX_DOC = "tasks.max of the connector: shards or log groups are spread over this many tasks across all instances.";
    public static final String KINESIS_STREAM_CONFIG = KinesisSourceConfig.STREAM_CONFIG;
    public static final String KINESIS_STREAM_DOC = "The Kinesis stream of the CloudWatch subscription (ECS_KINESIS_STREAM). Set: the Kinesis connector; empty: polling.";

    /** Keys with this prefix are worker settings. */
    public static final String WORKER_PREFIX = "worker.";
    /** Keys with this prefix are connector settings. */
    public static final String CONNECTOR_PREFIX = "connector.";
    /** The environment variable that selects the Kinesis path. */
    public static final String KINESIS_STREAM_ENV = "ECS_KINESIS_STREAM";
    /** The environment variable with the Kafka bootstrap servers. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** The environment variable with the REST port. */
    public static final String REST_PORT_ENV = "ECS_MONITOR_INGEST_PORT";
    /** The environment variable with an AWS endpoint override for the connectors. */
    public static final String ENDPOINT_ENV = "ECS_MONITOR_AWS_ENDPOINT";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, BOOTSTRAP_DOC)
            .define(GROUP_ID_CONFIG, Type.STRING, GROUP_ID_DEFAULT, new ConfigDef.NonEmptyString(), Importance.HIGH, GROUP_ID_DOC)
            .define(REST_PORT_CONFIG, Type.INT, REST_PORT_DEFAULT, ConfigDef.Range.between(0, 65535), Importance.HIGH, REST_PORT_DOC)
            .define(REST_BIND_CONFIG, Type.STRING, "0.0.0.0", Importance.LOW, REST_BIND_DOC)
            .define(REST_HOST_CONFIG, Type.STRING, "", Importance.MEDIUM, REST_HOST_DOC)
            .define(REBALANCE_DELAY_CONFIG, Type.LONG, REBALANCE_DELAY_DEFAULT, ConfigDef.Range.atLeast(0), Importance.MEDIUM, REBALANCE_DELAY_DOC)
            .define(EXACTLY_ONCE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, EXACTLY_ONCE_DOC)
            .define(REPLICATION_CONFIG, Type.SHORT, (short) -1, Importance.MEDIUM, REPLICATION_DOC)
            .define(CONNECTOR_NAME_CONFIG, Type.STRING, CONNECTOR_NAME_DEFAULT, new ConfigDef.NonEmptyString(), Importance.LOW, CONNECTOR_NAME_DOC)
            .define(TASKS_MAX_CONFIG, Type.INT, 2, ConfigDef.Range.atLeast(1), Importance.MEDIUM, TASKS_MAX_DOC)
            .define(KINESIS_STREAM_CONFIG, Type.STRING, "", Importance.HIGH, KINESIS_STREAM_DOC)
            .define(CloudWatchLogsSourceConfig.SERVICES_CONFIG, Type.LIST, "", Importance.MEDIUM, CloudWatchLogsSourceConfig.SERVICES_DOC)
            .define(CommonConfig.CLUSTER_CONFIG, Type.STRING, "", Importance.HIGH, CommonConfig.CLUSTER_DOC)
            .define(CommonConfig.AWS_REGION_CONFIG, Type.STRING, "", Importance.HIGH, CommonConfig.AWS_REGION_DOC)
            .define(CommonConfig.AWS_ENDPOINT_CONFIG, Type.STRING, "", Importance.LOW, CommonConfig.AWS_ENDPOINT_DOC)
            .define(CommonConfig.LOG_PATTERN_CONFIG, Type.STRING, io.ecsmonitor.core.ecs.LogGroupPattern.DEFAULT, Importance.HIGH,
                    CommonConfig.LOG_PATTERN_DOC);

    /** Parses {@code props}. */
    public IngestWorkerConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /**
     * The configuration from ecs-monitor's environment: {@value #BOOTSTRAP_ENV}, {@value #KINESIS_STREAM_ENV},
     * {@value #REST_PORT_ENV}, {@value #ENDPOINT_ENV} and the original tool's {@code ECS_CLUSTER}, {@code ECS_REGION},
     * {@code ECS_SERVICES}, {@code ECS_LOG_PATTERN}.
     *
     * @throws IllegalArgumentException one sentence naming the variable to fix
     */
    public static IngestWorkerConfig fromEnvironment(Map<String, String> env) {
        EcsEnvironment ecs = EcsEnvironment.from(env);
        Map<String, String> props = new HashMap<>();
        String bootstrap = env.get(BOOTSTRAP_ENV);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_ENV + " is not set; set it to the Kafka bootstrap servers, like localhost:9092");
        }
        props.put(BOOTSTRAP_CONFIG, bootstrap.trim());
        ecs.cluster().ifPresent(c -> props.put(CommonConfig.CLUSTER_CONFIG, c));
        if (ecs.regionSet()) {
            props.put(CommonConfig.AWS_REGION_CONFIG, ecs.region());
        }
        props.put(CommonConfig.LOG_PATTERN_CONFIG, ecs.logPattern().pattern());
        props.put(CloudWatchLogsSourceConfig.SERVICES_CONFIG, String.join(",", ecs.services()));
        String stream = env.get(KINESIS_STREAM_ENV);
        if (stream != null && !stream.isBlank()) {
            props.put(KINESIS_STREAM_CONFIG, stream.trim());
        }
        String port = env.get(REST_PORT_ENV);
        if (port != null && !port.isBlank()) {
            props.put(REST_PORT_CONFIG, port.trim());
        }
        String endpoint = env.get(ENDPOINT_ENV);
        if (endpoint != null && !endpoint.isBlank()) {
            props.put(CommonConfig.AWS_ENDPOINT_CONFIG, endpoint.trim());
        }
        if (stream == null || stream.isBlank()) {
            ecs.requireCluster();
        }
        return new IngestWorkerConfig(props);
    }

    /** True when the Kinesis connector is the one to run. */
    public boolean kinesis() {
        return !getString(KINESIS_STREAM_CONFIG).isBlank();
    }

    /** The settings of the in-process distributed worker. */
    public Map<String, String> workerProps() {
        String group = getString(GROUP_ID_CONFIG);
        String rf = Short.toString(getShort(REPLICATION_CONFIG));
        Map<String, String> w = new LinkedHashMap<>();
        w.put("bootstrap.servers", getString(BOOTSTRAP_CONFIG));
        w.put("group.id", group);
        w.put("config.storage.topic", group + ".configs");
        w.put("offset.storage.topic", group + ".offsets");
        w.put("status.storage.topic", group + ".status");
        w.put("config.storage.replication.factor", rf);
        w.put("offset.storage.replication.factor", rf);
        w.put("status.storage.replication.factor", rf);
        w.put("key.converter", LogRecords.KEY_CONVERTER);
        w.put("value.converter", LogRecords.VALUE_CONVERTER);
        w.put("header.converter", LogRecords.HEADER_CONVERTER);
        w.put("listeners", "http://" + getString(REST_BIND_CONFIG) + ":" + getInt(REST_PORT_CONFIG));
        if (!getString(REST_HOST_CONFIG).isBlank()) {
            w.put("rest.advertised.host.name", getString(REST_HOST_CONFIG));
        }
        w.put("scheduled.rebalance.max.delay.ms", Long.toString(getLong(REBALANCE_DELAY_CONFIG)));
        w.put("exactly.once.source.support", getBoolean(EXACTLY_ONCE_CONFIG) ? "enabled" : "disabled");
        w.put("plugin.discovery", "service_load");
        w.put("offset.flush.interval.ms", "5000");
        originalsWithPrefix(WORKER_PREFIX).forEach((k, v) -> w.put(k, String.valueOf(v)));
        return w;
    }

    public String connectorName() {
        return getString(CONNECTOR_NAME_CONFIG);
    }

    /** The configuration of the connector to create or update. */
    public Map<String, String> connectorConfig() {
        Map<String, String> c = new LinkedHashMap<>(LogRecords.CONVERTERS);
        c.put("tasks.max", Integer.toString(getInt(TASKS_MAX_CONFIG)));
        c.put(CommonConfig.CLUSTER_CONFIG, getString(CommonConfig.CLUSTER_CONFIG));
        c.put(CommonConfig.AWS_REGION_CONFIG, getString(CommonConfig.AWS_REGION_CONFIG));
        c.put(CommonConfig.AWS_ENDPOINT_CONFIG, getString(CommonConfig.AWS_ENDPOINT_CONFIG));
        c.put(CommonConfig.LOG_PATTERN_CONFIG, getString(CommonConfig.LOG_PATTERN_CONFIG));
        if (kinesis()) {
            c.put("connector.class", KinesisLogsSourceConnector.class.getName());
            c.put(KinesisSourceConfig.STREAM_CONFIG, getString(KINESIS_STREAM_CONFIG));
        } else {
            c.put("connector.class", CloudWatchLogsSourceConnector.class.getName());
            c.put(CloudWatchLogsSourceConfig.SERVICES_CONFIG, String.join(",", getList(CloudWatchLogsSourceConfig.SERVICES_CONFIG)));
        }
        originalsWithPrefix(CONNECTOR_PREFIX).forEach((k, v) -> c.put(k, String.valueOf(v)));
        return c;
    }

    public short replicationFactor() {
        return getShort(REPLICATION_CONFIG);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_CONFIG);
    }
}
