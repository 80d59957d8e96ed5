package io.ecsmonitor.cli.run;

import io.ecsmonitor.alerts.sink.AlertSinks;
import io.ecsmonitor.alerts.sink.SinksConfig;
import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.config.EcsEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sinks} role: delivers {@code ecs-monitor.alerts} to the files of {@code ECS_health_OUTDIR}
 * and to {@code ECS_ALERT_WEBHOOK_URL}, {@code ECS_ALERT_SLACK_WEBHOOK_URL} and {@code ECS_ALERT_SNS_TOPIC_ARN}
 * when set (any {@code sinks.*} setting of the config file applies too), in consumer group
 * {@code <application.id>-sinks}.
 */
final class SinksRole implements Role {

    private static final Logger LOG = LoggerFactory.getLogger(SinksRole.class);
    /** The environment variables of the sinks, and the setting each sets. */
    static final Map<String, String> ENV = Map.of(
            "ECS_ALERT_WEBHOOK_URL", SinksConfig.WEBHOOK_URL_CONFIG,
            "ECS_ALERT_SLACK_WEBHOOK_URL", SinksConfig.SLACK_URL_CONFIG,
            "ECS_ALERT_SNS_TOPIC_ARN", SinksConfig.SNS_TOPIC_ARN_CONFIG);

    private volatile AlertSinks sinks;
    private volatile Thread thread;
    private volatile boolean failed;

    @Override
    public String name() {
        return "sinks";
    }

    @Override
    public void start(RunContext context) {
        Map<String, String> given = context.config().originalsAsStrings();
        Map<String, Object> props = new HashMap<>();
        given.forEach((k, v) -> {
            if (k.startsWith("sinks.")) {
                props.put(k, v);
            }
        });
        ENV.forEach((variable, setting) -> {
            String v = given.get(variable);
            if (v != null && !v.isBlank()) {
                props.put(setting, v.trim());
            }
        });
        props.put(SinksConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        props.putIfAbsent(SinksConfig.GROUP_ID_CONFIG, context.config().applicationId() + "-sinks");
        props.putIfAbsent(SinksConfig.OUT_DIR_CONFIG, context.environment().outDir().toString());
        SinksConfig config;
        try {
            config = new SinksConfig(props);
        } catch (ConfigException e) {
            throw new UsageException("sinks: " + e.getMessage());
        }
        EcsEnvironment env = context.environment();
        AwsSettings aws = env.regionSet() ? AwsSettings.fromRegion(env.region()) : AwsSettings.defaults();
        Map<String, Object> clients = new HashMap<>(context.kafkaClientSettings());
        clients.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        AlertSinks s = new AlertSinks(config, AlertSinks.sinksFrom(config, aws), clients);
        Thread t = new Thread(() -> {
            try {
                s.run();
            } catch (RuntimeException e) {
                failed = true;
                LOG.error("the sinks role failed", e);
            }
        }, "ecs-monitor-sinks");
        sinks = s;
        thread = t;
        t.start();
    }

    @Override
    public boolean ready() {
        Thread t = thread;
        return t != null && t.isAlive() && !failed;
    }

    @Override
    public String state() {
        if (failed) {
            return "FAILED";
        }
        return ready() ? "RUNNING" : thread == null ? "STARTING" : "STOPPED";
    }

    @Override
    public List<MetricSample> metrics() {
        AlertSinks s = sinks;
        List<MetricSample> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        out.add(MetricSample.counter("ecs_monitor_alerts_read_total", "Alerts the sinks read.", s.read()));
        s.delivered().forEach((sink, n) -> out.add(new MetricSample("ecs_monitor_alerts_delivered_total", "counter",
                "Alerts delivered, per sink.", Map.of("sink", sink), n)));
        s.deadLettered().forEach((stage, n) -> out.add(new MetricSample("ecs_monitor_alerts_dead_lettered_total", "counter",
                "Alerts sent to the alerts dead-letter topic, per failing sink (or deserialize).", Map.of("stage", stage), n)));
        s.digests().forEach((sink, n) -> out.add(new MetricSample("ecs_monitor_alert_digests_total", "counter",
                "Alert-storm digests delivered, per sink (their alerts are counted in ecs_monitor_alerts_delivered_total).",
                Map.of("sink", sink), n)));
        s.silenced().forEach((sink, n) -> out.add(new MetricSample("ecs_monitor_alerts_silenced_total", "counter",
                "Alerts held back from a sink by a silence, per sink.", Map.of("sink", sink), n)));
        return out;
    }

    @Override
    public void close() {
        AlertSinks s = sinks;
        if (s != null) {
            s.close();
        }
    }
}
