package io.ecsmonitor.cli;

import io.ecsmonitor.alerts.sink.AlertSinks;
import io.ecsmonitor.alerts.sink.SinksConfig;
import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.config.EcsEnvironment;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecs-monitor sinks}: delivers the alerts of {@code ecs-monitor.alerts} to files, a webhook, Slack
 * and SNS as one member of a consumer group, until stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "sinks",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver the alerts of ecs-monitor.alerts to files (alerts.jsonl and",
            "alerts-latest.json in $ECS_health_OUTDIR), a webhook (JSON POST), Slack",
            "(Block Kit) and SNS. Each delivery is retried with backoff; an alert that",
            "still cannot be delivered goes to ecs-monitor.alerts.dlq with the error.",
            "Runs until stopped (Ctrl-C, SIGTERM)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly",
            "2:bad flag or environment variable, or the command failed"})
final class SinksCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--webhook-url", paramLabel = "URL", defaultValue = "${env:ECS_ALERT_WEBHOOK_URL}",
            description = "POST each alert as JSON here (default: $ECS_ALERT_WEBHOOK_URL).")
    String webhookUrl;

    @Option(names = "--slack-url", paramLabel = "URL", defaultValue = "${env:ECS_ALERT_SLACK_WEBHOOK_URL}",
            description = "Slack incoming-webhook URL (default: $ECS_ALERT_SLACK_WEBHOOK_URL).")
    String slackUrl;

    @Option(names = "--sns-topic-arn", paramLabel = "ARN", defaultValue = "${env:ECS_ALERT_SNS_TOPIC_ARN}",
            description = "Publish each alert to this SNS topic (default: $ECS_ALERT_SNS_TOPIC_ARN).")
    String snsTopicArn;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Directory of alerts.jsonl and alerts-latest.json (default: $ECS_health_OUTDIR, else ./data/).")
    String outDir;

    @Option(names = "--no-files", description = "Do not write alert files.")
    boolean noFiles;

    @Option(names = "--group", paramLabel = "ID", defaultValue = SinksConfig.GROUP_ID_DEFAULT,
            description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + SinksConfig.RETRY_ATTEMPTS_DEFAULT,
            description = "Attempts per alert and sink before the dead-letter topic (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--backoff-ms", paramLabel = "MS", defaultValue = "" + SinksConfig.RETRY_BACKOFF_MS_DEFAULT,
            description = "Wait before the second attempt, doubled for each further one (default: ${DEFAULT-VALUE}).")
    long backoffMs;

    @Option(names = "--aws-endpoint", paramLabel = "URL",
            description = "SNS endpoint (an emulator); without it the SDK honours AWS_ENDPOINT_URL_SNS and AWS_ENDPOINT_URL.")
    String awsEndpoint;

    private volatile AlertSinks running;

    @Override
    public Integer call() {
        EcsEnvironment env;
        try {
            env = EcsEnvironment.fromSystem();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("no Kafka brokers: set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers, like localhost:9092");
        }
        Map<String, Object> props = new HashMap<>();
        props.put(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(SinksConfig.GROUP_ID_CONFIG, group);
        props.put(SinksConfig.RETRY_ATTEMPTS_CONFIG, retries);
        props.put(SinksConfig.RETRY_BACKOFF_MS_CONFIG, backoffMs);
        if (!noFiles) {
            props.put(SinksConfig.OUT_DIR_CONFIG, outDir != null ? outDir : env.outDir().toString());
        }
        putIfSet(props, SinksConfig.WEBHOOK_URL_CONFIG, webhookUrl);
        putIfSet(props, SinksConfig.SLACK_URL_CONFIG, slackUrl);
        putIfSet(props, SinksConfig.SNS_TOPIC_ARN_CONFIG, snsTopicArn);
        putIfSet(props, SinksConfig.AWS_ENDPOINT_CONFIG, awsEndpoint);
        SinksConfig config;
        try {
            config = new SinksConfig(props);
        } catch (ConfigException e) {
            throw new UsageException(flagWords(e.getMessage()));
        }
        AwsSettings aws = env.regionSet() ? AwsSettings.fromRegion(env.region()) : AwsSettings.defaults();
        AlertSinks sinks = AlertSinks.create(config, aws);
        running = sinks;
        PrintWriter err = spec.commandLine().getErr();
        err.println("ecs-monitor sinks: delivering " + config.alertsTopic + " (group " + config.groupId + ") to "
                + String.join(", ", sinks.sinkNames()) + "; undeliverable alerts go to " + config.dlqTopic);
        err.flush();
        Thread hook = new Thread(sinks::close, "ecs-monitor-sinks-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            sinks.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it stopped us.
            }
        }
        err.println("ecs-monitor sinks: stopped after " + sinks.read() + " alerts; delivered " + sinks.delivered()
                + ", dead-lettered " + sinks.deadLettered() + ", silenced " + sinks.silenced() + ", storm digests " + sinks.digests());
        err.flush();
        return EcsMonitorCommand.EXIT_OK;
    }

    /** Stops a running command, as SIGTERM does. */
    void stop() {
        AlertSinks sinks = running;
        if (sinks != null) {
            sinks.close();
        }
    }

    private static void putIfSet(Map<String, Object> props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.put(key, value.trim());
        }
    }

    /** A config error in the words of the flags. */
    private static String flagWords(String message) {
        return message.replace(SinksConfig.WEBHOOK_URL_CONFIG, "--webhook-url")
                .replace(SinksConfig.SLACK_URL_CONFIG, "--slack-url")
                .replace(SinksConfig.SNS_TOPIC_ARN_CONFIG, "--sns-topic-arn")
                .replace(SinksConfig.OUT_DIR_CONFIG, "--out-dir")
                .replace(SinksConfig.AWS_ENDPOINT_CONFIG, "--aws-endpoint")
                .replace(SinksConfig.RETRY_ATTEMPTS_CONFIG, "--retries")
                .replace(SinksConfig.RETRY_BACKOFF_MS_CONFIG, "--backoff-ms");
    }
}
