package io.ecsmonitor.cli.run;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of {@code ecs-monitor run}, declared once. They come from the properties file of
 * {@code --config}, overridden by environment variables: the original tool's {@code ECS_*}
 * variables under their own names, {@code KAFKA_BOOTSTRAP_SERVERS}, and any Kafka client setting as
 * {@code KAFKA_<SETTING>} ({@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} sets {@code security.protocol}).
 */
public final class RunConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = "kafka.bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka cluster to use (host:port,...). Empty: an embedded single-node "
            + "KRaft broker in this JVM. Environment: KAFKA_BOOTSTRAP_SERVERS.";

    public static final String ROLES_CONFIG = "roles";
    public static final List<String> ALL_ROLES = List.of("ingest", "streams", "probe", "sinks");
    private static final String ROLES_DOC = "Roles this process runs, comma-separated, from " + ALL_ROLES
            + ". Deploy and scale each role on its own by running processes with a subset. Environment: ECS_MONITOR_ROLES.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC = "Port of the HTTP endpoint (/health, /metrics, /api/services); 0 picks a free "
            + "port, -1 turns it off. Environment: ECS_MONITOR_HTTP_PORT.";

    public static final String HTTP_HOST_CONFIG = "http.advertised.host";
    private static final String HTTP_HOST_DOC = "Host name other instances use to reach this one's HTTP endpoint, for "
            + "interactive queries of keys another instance owns. Environment: ECS_MONITOR_HTTP_HOST.";

    public static final String DATA_DIR_CONFIG = "data.dir";
    private static final String DATA_DIR_DOC = "Directory for the embedded broker's data (data.dir/kafka) and the Kafka Streams "
            + "state (data.dir/streams). Environment: ECS_MONITOR_DATA_DIR.";

    public static final String EMBEDDED_PORT_CONFIG = "embedded.kafka.port";
    private static final String EMBEDDED_PORT_DOC = "Port of the embedded broker when kafka.bootstrap.servers is empty; 0 picks a free port.";

    public static final String PARTITIONS_CONFIG = "topic.partitions";
    private static final String PARTITIONS_DOC = "Partitions of the topics ecs-monitor creates at start (existing topics are checked, "
            + "not changed). Environment: ECS_MONITOR_TOPIC_PARTITIONS.";

    public static final String REPLICATION_CONFIG = "topic.replication.factor";
    private static final String REPLICATION_DOC = "Replication factor of the topics ecs-monitor creates; -1 uses the broker's default.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    private static final String APPLICATION_ID_DOC = "Prefix of the Kafka Streams application ids and consumer groups; instances "
            + "with the same id share the work.";

    /** Environment variables read as settings, and the setting each sets. */
    static final Map<String, String> ENV_SETTINGS = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP_SERVERS_CONFIG,
            "ECS_MONITOR_ROLES", ROLES_CONFIG,
            "ECS_MONITOR_HTTP_PORT", HTTP_PORT_CONFIG,
            "ECS_MONITOR_HTTP_HOST", HTTP_HOST_CONFIG,
            "ECS_MONITOR_DATA_DIR", DATA_DIR_CONFIG,
            "ECS_MONITOR_TOPIC_PARTITIONS", PARTITIONS_CONFIG);

    /** Every setting of {@code run}. */
    public static final ConfigDef CONFIG = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(ROLES_CONFIG, Type.LIST, String.join(",", ALL_ROLES), ConfigDef.ValidList.in(ALL_ROLES.toArray(String[]::new)),
                    Importance.HIGH, ROLES_DOC)
            .define(HTTP_PORT_CONFIG, Type.INT, 8080, ConfigDef.Range.between(-1, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
            .define(HTTP_HOST_CONFIG, Type.STRING, "localhost", Importance.LOW, HTTP_HOST_DOC)
            .define(DATA_DIR_CONFIG, Type.STRING, "./data", Importance.MEDIUM, DATA_DIR_DOC)
            .define(EMBEDDED_PORT_CONFIG, Type.INT, 9092, ConfigDef.Range.between(0, 65535), Importance.LOW, EMBEDDED_PORT_DOC)
            .define(PARTITIONS_CONFIG, Type.INT, 6, ConfigDef.Range.atLeast(1), Importance.MEDIUM, PARTITIONS_DOC)
            .define(REPLICATION_CONFIG, Type.SHORT, (short) 1, Importance.MEDIUM, REPLICATION_DOC)
            .define(APPLICATION_ID_CONFIG, Type.STRING, "ecs-monitor", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    APPLICATION_ID_DOC);

    private final Map<String, String> all;

    private RunConfig(Map<String, String> all) {
        super(CONFIG, all, false);
        this.all = all;
    }

    /**
     * The settings from {@code file} (may be empty) overridden by {@code env}.
     *
     * @throws ConfigException naming the setting and what is wrong
     */
    public static RunConfig resolve(Map<String, String> file, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>(file);
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = e.getKey();
            if (ENV_SETTINGS.containsKey(key)) {
                merged.put(ENV_SETTINGS.get(key), e.getValue());
            } else if (key.startsWith("ECS_") || key.startsWith("AWS_")) {
                merged.put(key, e.getValue());
            } else if (key.startsWith("KAFKA_")) {
                String setting = key.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (CLIENT_SETTINGS.contains(setting)) {
                    merged.put("kafka." + setting, e.getValue());
                }
            }
        }
        return new RunConfig(merged);
    }

    private static final Set<String> CLIENT_SETTINGS = clientSettings();

    private static Set<String> clientSettings() {
        Set<String> names = new java.util.HashSet<>();
        names.addAll(AdminClientConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        return names;
    }

    /** Kafka client settings given as {@code kafka.<setting>} (security, SASL, TLS …), bootstrap servers excluded. */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (e.getKey().startsWith("kafka.") && !e.getKey().equals(BOOTSTRAP_SERVERS_CONFIG)) {
                out.put(e.getKey().substring("kafka.".length()), e.getValue());
            }
        }
        return out;
    }

    /** Every resolved setting, the roles' own and the ECS_* variables included, secrets masked: for the start-up log. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        for (String name : CONFIG.names()) {
            out.put(name, String.valueOf(values().get(name)));
        }
        for (Map.Entry<String, String> e : all.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        out.replaceAll((k, v) -> isSecret(k) ? "********" : v);
        return out;
    }

    /** True for settings whose value must not be logged. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credentials") || k.endsWith(".key") || k.contains("webhook");
    }

    /** Every setting as given (file and environment), for the roles' own configs. */
    public Map<String, String> originalsAsStrings() {
        return Map.copyOf(all);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG).trim();
    }

    public List<String> roles() {
        return getList(ROLES_CONFIG);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public String httpHost() {
        return getString(HTTP_HOST_CONFIG);
    }

    public java.nio.file.Path dataDir() {
        return java.nio.file.Path.of(getString(DATA_DIR_CONFIG));
    }

    public int embeddedPort() {
        return getInt(EMBEDDED_PORT_CONFIG);
    }

    public int partitions() {
        return getInt(PARTITIONS_CONFIG);
    }

    public short replicationFactor() {
        return getShort(REPLICATION_CONFIG);
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }
}
