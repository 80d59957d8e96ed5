package io.ecsmonitor.probe;

import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.topic.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of the health probe, declared once. {@link #fromEnvironment} maps the original tool's
 * {@code ECS_*} variables onto it; {@link #CONFIG_DEF} is the documentation.
 */
public final class ProbeConfig {

    public static final String CLUSTER_CONFIG = "ecs.cluster";
    public static final String CLUSTER_DOC = "The ECS cluster to probe (ECS_CLUSTER).";

    public static final String SERVICES_CONFIG = "ecs.services";
    public static final String SERVICES_DOC = "Services to probe (ECS_SERVICES); empty probes every service ListServices finds.";

    public static final String REGION_CONFIG = "aws.region";
    public static final String REGION_DOC = "AWS region of the cluster (ECS_REGION).";
    public static final String REGION_DEFAULT = EcsEnvironment.DEFAULT_REGION;

    public static final String AWS_ENDPOINT_CONFIG = "aws.endpoint";
    public static final String AWS_ENDPOINT_DOC = "An endpoint for every AWS call (an emulator or a fake); empty leaves it to the SDK, "
            + "which honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_ECS / _ELASTIC_LOAD_BALANCING_V2.";

    public static final String AWS_MAX_ATTEMPTS_CONFIG = "aws.max.attempts";
    public static final String AWS_MAX_ATTEMPTS_DOC = "Attempts per AWS call, the first included; throttling and 5xx answers are retried "
            + "with the SDK's standard exponential backoff and jitter.";
    public static final int AWS_MAX_ATTEMPTS_DEFAULT = 4;

    public static final String DOMAIN_CONFIG = "probe.domain";
    public static final String DOMAIN_DOC = "Domain whose https://DOMAIN/ answer and certificate on port 443 are checked (ECS_DOMAIN); empty skips it.";

    public static final String HTTP_ENDPOINTS_CONFIG = "http.endpoints";
    public static final String HTTP_ENDPOINTS_DOC = "Further URLs to check (ECS_HTTP_ENDPOINTS); the certificate of every https URL is checked too.";

    public static final String HTTP_ATTEMPTS_CONFIG = "http.attempts";
    public static final String HTTP_ATTEMPTS_DOC = "Attempts per URL before it counts as failed.";
    public static final int HTTP_ATTEMPTS_DEFAULT = 3;

    public static final String HTTP_PAUSE_MS_CONFIG = "http.attempt.pause.ms";
    public static final String HTTP_PAUSE_MS_DOC = "Pause between two attempts of one URL.";
    public static final long HTTP_PAUSE_MS_DEFAULT = 2_000;

    public static final String HTTP_TIMEOUT_MS_CONFIG = "http.timeout.ms";
    public static final String HTTP_TIMEOUT_MS_DOC = "Timeout of one HTTP attempt (connect and answer), and of one TLS handshake.";
    public static final long HTTP_TIMEOUT_MS_DEFAULT = 10_000;

    public static final String TLS_WARNING_DAYS_CONFIG = "tls.warning.days";
    public static final String TLS_WARNING_DAYS_DOC = "A certificate with fewer days left is a warning.";
    public static final int TLS_WARNING_DAYS_DEFAULT = 14;

    public static final String TLS_CRITICAL_DAYS_CONFIG = "tls.critical.days";
    public static final String TLS_CRITICAL_DAYS_DOC = "A certificate with fewer days left is critical (expired or invalid ones always are).";
    public static final int TLS_CRITICAL_DAYS_DEFAULT = 3;

    public static final String STOPPED_TASKS_MAX_CONFIG = "stopped.tasks.max";
    public static final String STOPPED_TASKS_MAX_DOC = "Stopped tasks described per service and probe (ListTasks desiredStatus=STOPPED, newest kept).";
    public static final int STOPPED_TASKS_MAX_DEFAULT = 10;

    public static final String RECENT_WINDOW_MS_CONFIG = "recent.window.ms";
    public static final String RECENT_WINDOW_MS_DOC = "Service events and stopped tasks older than this are reported but raise no finding.";
    public static final long RECENT_WINDOW_MS_DEFAULT = Duration.ofMinutes(30).toMillis();

    public static final String INTERVAL_MS_CONFIG = "probe.interval.ms";
    public static final String INTERVAL_MS_DOC = "Time between the starts of two probes of the scheduled prober.";
    public static final long INTERVAL_MS_DEFAULT = 60_000;

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers the scheduled prober produces to (KAFKA_BOOTSTRAP_SERVERS); "
            + "not needed for a one-off probe.";

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "The compacted topic the prober writes one report per service to, key service.";
    public static final String TOPIC_DEFAULT = Topics.HEALTH.name();

    public static final String TOPIC_CREATE_CONFIG = "topic.create";
    public static final String TOPIC_CREATE_DOC = "Create the topic (compacted, the broker's default replication) when it does not exist.";

    /** Every setting with its type, default, validator and documentation. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CLUSTER_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, CLUSTER_DOC)
            .define(SERVICES_CONFIG, Type.LIST, "", Importance.HIGH, SERVICES_DOC)
            .define(REGION_CONFIG, Type.STRING, REGION_DEFAULT, new ConfigDef.NonEmptyString(), Importance.HIGH, REGION_DOC)
            .define(DOMAIN_CONFIG, Type.STRING, "", Importance.HIGH, DOMAIN_DOC)
            .define(HTTP_ENDPOINTS_CONFIG, Type.LIST, "", Importance.HIGH, HTTP_ENDPOINTS_DOC)
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(INTERVAL_MS_CONFIG, Type.LONG, INTERVAL_MS_DEFAULT, Range.atLeast(1_000L), Importance.MEDIUM, INTERVAL_MS_DOC)
            .define(HTTP_ATTEMPTS_CONFIG, Type.INT, HTTP_ATTEMPTS_DEFAULT, Range.between(1, 20), Importance.MEDIUM, HTTP_ATTEMPTS_DOC)
            .define(HTTP_PAUSE_MS_CONFIG, Type.LONG, HTTP_PAUSE_MS_DEFAULT, Range.atLeast(0L), Importance.MEDIUM, HTTP_PAUSE_MS_DOC)
            .define(HTTP_TIMEOUT_MS_CONFIG, Type.LONG, HTTP_TIMEOUT_MS_DEFAULT, Range.atLeast(100L), Importance.MEDIUM, HTTP_TIMEOUT_MS_DOC)
            .define(TLS_WARNING_DAYS_CONFIG, Type.INT, TLS_WARNING_DAYS_DEFAULT, Range.atLeast(0), Importance.MEDIUM, TLS_WARNING_DAYS_DOC)
            .define(TLS_CRITICAL_DAYS_CONFIG, Type.INT, TLS_CRITICAL_DAYS_DEFAULT, Range.atLeast(0), Importance.MEDIUM, TLS_CRITICAL_DAYS_DOC)
            .define(STOPPED_TASKS_MAX_CONFIG, Type.INT, STOPPED_TASKS_MAX_DEFAULT, Range.between(0, 100), Importance.LOW, STOPPED_TASKS_MAX_DOC)
            .define(RECENT_WINDOW_MS_CONFIG, Type.LONG, RECENT_WINDOW_MS_DEFAULT, Range.atLeast(0L), Importance.LOW, RECENT_WINDOW_MS_DOC)
            .define(AWS_ENDPOINT_CONFIG, Type.STRING, "", Importance.LOW, AWS_ENDPOINT_DOC)
            .define(AWS_MAX_ATTEMPTS_CONFIG, Type.INT, AWS_MAX_ATTEMPTS_DEFAULT, Range.between(1, 10), Importance.LOW, AWS_MAX_ATTEMPTS_DOC)
            .define(TOPIC_CONFIG, Type.STRING, TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.LOW, TOPIC_DOC)
            .define(TOPIC_CREATE_CONFIG, Type.BOOLEAN, true, Importance.LOW, TOPIC_CREATE_DOC);

    private final String cluster;
    private final List<String> services;
    private final String region;
    private final Optional<String> domain;
    private final List<URI> httpEndpoints;
    private final List<String> bootstrapServers;
    private final Duration interval;
    private final int httpAttempts;
    private final Duration httpPause;
    private final Duration httpTimeout;
    private final int tlsWarningDays;
    private final int tlsCriticalDays;
    private final int stoppedTasksMax;
    private final Duration recentWindow;
    private final Optional<URI> awsEndpoint;
    private final int awsMaxAttempts;
    private final String topic;
    private final boolean createTopic;

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException naming the setting and what is wrong with it
     */
    public ProbeConfig(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props, false);
        cluster = c.getString(CLUSTER_CONFIG).trim();
        services = List.copyOf(c.getList(SERVICES_CONFIG));
        region = c.getString(REGION_CONFIG).trim();
        String d = c.getString(DOMAIN_CONFIG).trim().replaceFirst("^https?://", "").replaceAll("/+$", "");
        domain = d.isEmpty() ? Optional.empty() : Optional.of(d);
        httpEndpoints = c.getList(HTTP_ENDPOINTS_CONFIG).stream().map(u -> uri(HTTP_ENDPOINTS_CONFIG, u)).toList();
        bootstrapServers = List.copyOf(c.getList(BOOTSTRAP_SERVERS_CONFIG));
        interval = Duration.ofMillis(c.getLong(INTERVAL_MS_CONFIG));
        httpAttempts = c.getInt(HTTP_ATTEMPTS_CONFIG);
        httpPause = Duration.ofMillis(c.getLong(HTTP_PAUSE_MS_CONFIG));
        httpTimeout = Duration.ofMillis(c.getLong(HTTP_TIMEOUT_MS_CONFIG));
        tlsWarningDays = c.getInt(TLS_WARNING_DAYS_CONFIG);
        tlsCriticalDays = c.getInt(TLS_CRITICAL_DAYS_CONFIG);
        if (tlsCriticalDays > tlsWarningDays) {
            throw new ConfigException(TLS_CRITICAL_DAYS_CONFIG, tlsCriticalDays, "must not exceed " + TLS_WARNING_DAYS_CONFIG + " (" + tlsWarningDays + ")");
        }
        stoppedTasksMax = c.getInt(STOPPED_TASKS_MAX_CONFIG);
        recentWindow = Duration.ofMillis(c.getLong(RECENT_WINDOW_MS_CONFIG));
        String e = c.getString(AWS_ENDPOINT_CONFIG).trim();
        awsEndpoint = e.isEmpty() ? Optional.empty() : Optional.of(uri(AWS_ENDPOINT_CONFIG, e));
        awsMaxAttempts = c.getInt(AWS_MAX_ATTEMPTS_CONFIG);
        topic = c.getString(TOPIC_CONFIG).trim();
        createTopic = c.getBoolean(TOPIC_CREATE_CONFIG);
    }

    private static URI uri(String setting, String value) {
        try {
            URI u = new URI(value.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (Exception e) {
            throw new ConfigException(setting, value, "not an http(s) URL, like https://api.example.com/health");
        }
    }

    /**
     * The settings the original tool's variables give ({@code ECS_CLUSTER}, {@code ECS_REGION},
     * {@code ECS_DOMAIN}, {@code ECS_SERVICES}, {@code ECS_HTTP_ENDPOINTS}), as properties to which more can be added.
     */
    public static Map<String, Object> fromEnvironment(EcsEnvironment env) {
        Map<String, Object> props = new HashMap<>();
        props.put(CLUSTER_CONFIG, env.requireCluster());
        props.put(REGION_CONFIG, env.region());
        props.put(SERVICES_CONFIG, String.join(",", env.services()));
        env.domain().ifPresent(d -> props.put(DOMAIN_CONFIG, d));
        props.put(HTTP_ENDPOINTS_CONFIG, String.join(",", env.httpEndpoints().stream().map(URI::toString).toList()));
        return props;
    }

    public String cluster() {
        return cluster;
    }

    /** The configured services; empty means every service of the cluster. */
    public List<String> services() {
        return services;
    }

    public String region() {
        return region;
    }

    public Optional<String> domain() {
        return domain;
    }

    public List<URI> httpEndpoints() {
        return httpEndpoints;
    }

    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    public Duration interval() {
        return interval;
    }

    public int httpAttempts() {
        return httpAttempts;
    }

    public Duration httpPause() {
        return httpPause;
    }

    public Duration httpTimeout() {
        return httpTimeout;
    }

    public int tlsWarningDays() {
        return tlsWarningDays;
    }

    public int tlsCriticalDays() {
        return tlsCriticalDays;
    }

    public int stoppedTasksMax() {
        return stoppedTasksMax;
    }

    public Duration recentWindow() {
        return recentWindow;
    }

    public Optional<URI> awsEndpoint() {
        return awsEndpoint;
    }

    public int awsMaxAttempts() {
        return awsMaxAttempts;
    }

    public String topic() {
        return topic;
    }

    public boolean createTopic() {
        return createTopic;
    }

    /** The URLs the HTTP check probes: {@code https://DOMAIN/} first, then the endpoints. */
    public List<URI> httpTargets() {
        java.util.LinkedHashSet<URI> out = new java.util.LinkedHashSet<>();
        domain.ifPresent(d -> out.add(URI.create("https://" + d + "/")));
        out.addAll(httpEndpoints);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "ProbeConfig{cluster=" + cluster + ", services=" + services + ", region=" + region + ", domain=" + domain.orElse("")
                + ", httpEndpoints=" + httpEndpoints + ", interval=" + interval + ", httpAttempts=" + httpAttempts
                + ", httpPause=" + httpPause + ", httpTimeout=" + httpTimeout + ", tls=" + tlsWarningDays + "/" + tlsCriticalDays
                + "d, awsEndpoint=" + awsEndpoint.map(URI::toString).orElse("(sdk)") + ", awsMaxAttempts=" + awsMaxAttempts
                + ", topic=" + topic + "}";
    }
}
