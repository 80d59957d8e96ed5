package io.ecsmonitor.alerts.sink;

import io.ecsmonitor.core.topic.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The settings of {@link AlertSinks}, declared once. At least one sink must be configured. */
public final class SinksConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, host:port separated by commas (KAFKA_BOOTSTRAP_SERVERS).";

    public static final String GROUP_ID_CONFIG = "sinks.group.id";
    public static final String GROUP_ID_DOC = "Consumer group of the sinks: every instance of the group shares the alerts topic's partitions.";
    public static final String GROUP_ID_DEFAULT = "ecs-monitor-sinks";

    public static final String ALERTS_TOPIC_CONFIG = "sinks.alerts.topic";
    public static final String ALERTS_TOPIC_DOC = "The topic the alerts are read from.";
    public static final String ALERTS_TOPIC_DEFAULT = Topics.ALERTS.name();

    public static final String DLQ_TOPIC_CONFIG = "sinks.dlq.topic";
    public static final String DLQ_TOPIC_DOC = "The topic alerts that could not be delivered go to, with the failing sink and the error in the headers.";
    public static final String DLQ_TOPIC_DEFAULT = Topics.ALERTS_DLQ.name();

    public static final String OUT_DIR_CONFIG = "sinks.file.dir";
    public static final String OUT_DIR_DOC = "Directory of alerts.jsonl (every alert) and alerts-latest.json (latest per service); empty disables the file sink (ECS_health_OUTDIR).";

    public static final String WEBHOOK_URL_CONFIG = "sinks.webhook.url";
    public static final String WEBHOOK_URL_DOC = "URL that receives each alert as a JSON POST; empty disables it.";

    public static final String SLACK_URL_CONFIG = "sinks.slack.url";
    public static final String SLACK_URL_DOC = "Slack incoming-webhook URL (or a compatible one) that receives a Block Kit message per alert; empty disables it.";

    public static final String SNS_TOPIC_ARN_CONFIG = "sinks.sns.topic.arn";
    public static final String SNS_TOPIC_ARN_DOC = "SNS topic each alert is published to; empty disables it. The region is the ARN's.";

    public static final String AWS_ENDPOINT_CONFIG = "sinks.aws.endpoint";
    public static final String AWS_ENDPOINT_DOC = "An endpoint for SNS (an emulator); empty leaves it to the SDK, which honours AWS_ENDPOINT_URL_SNS and AWS_ENDPOINT_URL.";

    public static final String RETRY_ATTEMPTS_CONFIG = "sinks.retry.attempts";
    public static final String RETRY_ATTEMPTS_DOC = "Attempts per alert and sink, the first included, before the alert goes to the dead-letter topic.";
    public static final int RETRY_ATTEMPTS_DEFAULT = 5;

    public static final String RETRY_BACKOFF_MS_CONFIG = "sinks.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "Wait before the second attempt; it doubles with every further attempt.";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000;

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "sinks.retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "The longest wait between two attempts.";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000;

    public static final String SILENCES_TOPIC_CONFIG = "sinks.silences.topic";
    public static final String SILENCES_TOPIC_DOC = "The compacted topic of silences (ecs-monitor silence): alerts of a silenced service are not sent to the webhook, Slack or SNS, only written to the alert files.";
    public static final String SILENCES_TOPIC_DEFAULT = Topics.SILENCES.name();

    public static final String STORM_THRESHOLD_CONFIG = "sinks.storm.threshold";
    public static final String STORM_THRESHOLD_DOC = "Alerts sent to people (Slack, SNS) within sinks.storm.window.ms from which on an alert storm is declared: further alerts of the window are sent as one digest at its end instead of one message each (the webhook and the files still get every alert). 0 turns digests off.";
    public static final int STORM_THRESHOLD_DEFAULT = 10;

    public static final String STORM_WINDOW_MS_CONFIG = "sinks.storm.window.ms";
    public static final String STORM_WINDOW_MS_DOC = "The span of sinks.storm.threshold, and how long a digest collects alerts before it is sent.";
    public static final long STORM_WINDOW_MS_DEFAULT = 60_000;

    public static final String HTTP_TIMEOUT_MS_CONFIG = "sinks.http.timeout.ms";
    public static final String HTTP_TIMEOUT_MS_DOC = "Timeout of one webhook or Slack POST.";
    public static final long HTTP_TIMEOUT_MS_DEFAULT = 10_000;

    /** Every setting, with its documentation, default and validator. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(OUT_DIR_CONFIG, Type.STRING, "", Importance.HIGH, OUT_DIR_DOC)
            .define(WEBHOOK_URL_CONFIG, Type.STRING, "", SinksConfig::validUrl, Importance.HIGH, WEBHOOK_URL_DOC)
            .define(SLACK_URL_CONFIG, Type.STRING, "", SinksConfig::validUrl, Importance.HIGH, SLACK_URL_DOC)
            .define(SNS_TOPIC_ARN_CONFIG, Type.STRING, "", SinksConfig::validArn, Importance.HIGH, SNS_TOPIC_ARN_DOC)
            .define(GROUP_ID_CONFIG, Type.STRING, GROUP_ID_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM, GROUP_ID_DOC)
            .define(ALERTS_TOPIC_CONFIG, Type.STRING, ALERTS_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM, ALERTS_TOPIC_DOC)
            .define(DLQ_TOPIC_CONFIG, Type.STRING, DLQ_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM, DLQ_TOPIC_DOC)
            .define(SILENCES_TOPIC_CONFIG, Type.STRING, SILENCES_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM, SILENCES_TOPIC_DOC)
            .define(STORM_THRESHOLD_CONFIG, Type.INT, STORM_THRESHOLD_DEFAULT, Range.atLeast(0), Importance.MEDIUM, STORM_THRESHOLD_DOC)
            .define(STORM_WINDOW_MS_CONFIG, Type.LONG, STORM_WINDOW_MS_DEFAULT, Range.between(1_000, 3_600_000), Importance.LOW, STORM_WINDOW_MS_DOC)
            .define(RETRY_ATTEMPTS_CONFIG, Type.INT, RETRY_ATTEMPTS_DEFAULT, Range.between(1, 20), Importance.MEDIUM, RETRY_ATTEMPTS_DOC)
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.atLeast(0), Importance.LOW, RETRY_BACKOFF_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, Range.between(0, 60_000), Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC)
            .define(HTTP_TIMEOUT_MS_CONFIG, Type.LONG, HTTP_TIMEOUT_MS_DEFAULT, Range.atLeast(100), Importance.LOW, HTTP_TIMEOUT_MS_DOC)
            .define(AWS_ENDPOINT_CONFIG, Type.STRING, "", SinksConfig::validUrl, Importance.LOW, AWS_ENDPOINT_DOC);

    public final String bootstrapServers;
    public final String groupId;
    public final String alertsTopic;
    public final String dlqTopic;
    public final String silencesTopic;
    public final Optional<Path> outDir;
    public final Optional<URI> webhookUrl;
    public final Optional<URI> slackUrl;
    public final Optional<String> snsTopicArn;
    public final Optional<URI> awsEndpoint;
    public final int retryAttempts;
    public final Duration retryBackoff;
    public final Duration retryBackoffMax;
    public final Duration httpTimeout;
    public final int stormThreshold;
    public final Duration stormWindow;

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException naming the setting and what is wrong, or saying that no sink is configured
     */
    public SinksConfig(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props, false);
        bootstrapServers = c.getString(BOOTSTRAP_SERVERS_CONFIG).trim();
        groupId = c.getString(GROUP_ID_CONFIG);
        alertsTopic = c.getString(ALERTS_TOPIC_CONFIG);
        dlqTopic = c.getString(DLQ_TOPIC_CONFIG);
        silencesTopic = c.getString(SILENCES_TOPIC_CONFIG);
        outDir = blank(c.getString(OUT_DIR_CONFIG)).map(Path::of);
        webhookUrl = blank(c.getString(WEBHOOK_URL_CONFIG)).map(URI::create);
        slackUrl = blank(c.getString(SLACK_URL_CONFIG)).map(URI::create);
        snsTopicArn = blank(c.getString(SNS_TOPIC_ARN_CONFIG));
        awsEndpoint = blank(c.getString(AWS_ENDPOINT_CONFIG)).map(URI::create);
        retryAttempts = c.getInt(RETRY_ATTEMPTS_CONFIG);
        retryBackoff = Duration.ofMillis(c.getLong(RETRY_BACKOFF_MS_CONFIG));
        retryBackoffMax = Duration.ofMillis(c.getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
        httpTimeout = Duration.ofMillis(c.getLong(HTTP_TIMEOUT_MS_CONFIG));
        stormThreshold = c.getInt(STORM_THRESHOLD_CONFIG);
        stormWindow = Duration.ofMillis(c.getLong(STORM_WINDOW_MS_CONFIG));
        if (outDir.isEmpty() && webhookUrl.isEmpty() && slackUrl.isEmpty() && snsTopicArn.isEmpty()) {
            throw new ConfigException("no sink is configured; set at least one of " + OUT_DIR_CONFIG + ", " + WEBHOOK_URL_CONFIG
                    + ", " + SLACK_URL_CONFIG + ", " + SNS_TOPIC_ARN_CONFIG);
        }
    }

    /** The region of the SNS topic ARN ({@code arn:aws:sns:<region>:<account>:<name>}). */
    public Optional<String> snsRegion() {
        return snsTopicArn.map(arn -> arn.split(":")[3]);
    }

    private static Optional<String> blank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static void validUrl(String name, Object value) {
        String s = (String) value;
        if (s == null || s.isBlank()) {
            return;
        }
        try {
            URI u = new URI(s.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ConfigException(name, value, "not an http(s) URL; write it like https://hooks.example.com/alerts");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(name, value, "not a URL: " + e.getReason());
        }
    }

    private static void validArn(String name, Object value) {
        String s = (String) value;
        if (s == null || s.isBlank()) {
            return;
        }
        if (!s.trim().matches("arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            throw new ConfigException(name, value, "not an SNS topic ARN; write it like arn:aws:sns:us-east-1:123456789012:alerts");
        }
    }
}
