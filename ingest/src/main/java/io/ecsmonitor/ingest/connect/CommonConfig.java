package io.ecsmonitor.ingest.connect;

import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.core.topic.Topics;
import java.net.URI;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The settings both connectors share: AWS region and endpoint, the log group pattern, the topics. */
public final class CommonConfig {

    public static final String AWS_REGION_CONFIG = "aws.region";
    public static final String AWS_REGION_DOC = "AWS region of the stream or log groups. Empty: the SDK's default "
            + "region chain (AWS_REGION, profile, instance metadata). Credentials always come from the SDK's default provider chain.";
    public static final String AWS_ENDPOINT_CONFIG = "aws.endpoint.override";
    public static final String AWS_ENDPOINT_DOC = "An endpoint URL for every AWS call (an emulator such as kinesalite, "
            + "or a VPC endpoint). Empty: the SDK decides, honouring AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.";
    public static final String LOG_PATTERN_CONFIG = "ecs.log.pattern";
    public static final String LOG_PATTERN_DOC = "How a service's log group is named (ECS_LOG_PATTERN), with {service} "
            + "where the name goes; maps each log group back to its service.";
    public static final String CLUSTER_CONFIG = "ecs.cluster";
    public static final String CLUSTER_DOC = "ECS cluster name written into every event (and used for ECS discovery by the polling connector). Empty: unknown.";
    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "Topic of the log events (key logGroup/logStream, value LogEvent JSON).";
    public static final String DLQ_TOPIC_CONFIG = "dlq.topic";
    public static final String DLQ_TOPIC_DOC = "Dead-letter topic for payloads that cannot be read; reason and source position in headers.";

    private CommonConfig() {
    }

    /** Adds the shared settings to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(AWS_REGION_CONFIG, Type.STRING, "", Importance.HIGH, AWS_REGION_DOC)
                .define(AWS_ENDPOINT_CONFIG, Type.STRING, "", new UriValidator(), Importance.LOW, AWS_ENDPOINT_DOC)
                .define(LOG_PATTERN_CONFIG, Type.STRING, LogGroupPattern.DEFAULT, new PatternValidator(), Importance.HIGH, LOG_PATTERN_DOC)
                .define(CLUSTER_CONFIG, Type.STRING, "", Importance.MEDIUM, CLUSTER_DOC)
                .define(TOPIC_CONFIG, Type.STRING, Topics.LOGS_RAW.name(), new ConfigDef.NonEmptyString(), Importance.MEDIUM, TOPIC_DOC)
                .define(DLQ_TOPIC_CONFIG, Type.STRING, Topics.DLQ.name(), new ConfigDef.NonEmptyString(), Importance.MEDIUM, DLQ_TOPIC_DOC);
    }

    /** The AWS settings of {@code config}. */
    public static AwsSettings awsSettings(AbstractConfig config) {
        AwsSettings settings = AwsSettings.fromRegion(config.getString(AWS_REGION_CONFIG));
        String endpoint = config.getString(AWS_ENDPOINT_CONFIG);
        return endpoint.isBlank() ? settings : settings.withEndpoint(URI.create(endpoint.trim()));
    }

    /** The log group pattern of {@code config}. */
    public static LogGroupPattern pattern(AbstractConfig config) {
        return LogGroupPattern.parse(config.getString(LOG_PATTERN_CONFIG));
    }

    /** Accepts an empty value or an absolute http(s) URL. */
    static final class UriValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : value.toString().trim();
            if (s.isEmpty()) {
                return;
            }
            try {
                URI uri = URI.create(s);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("not http(s)");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "must be an http(s) URL like http://localhost:4567, or empty");
            }
        }

        @Override
        public String toString() {
            return "an http(s) URL or empty";
        }
    }

    /** Accepts a pattern with exactly one {service}. */
    static final class PatternValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                LogGroupPattern.parse(value == null ? null : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a log group name with {service} once, like " + LogGroupPattern.DEFAULT;
        }
    }
}
