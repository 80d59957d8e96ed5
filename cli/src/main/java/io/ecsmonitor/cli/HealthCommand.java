package io.ecsmonitor.cli;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.serde.JsonSerde;
import io.ecsmonitor.probe.HealthProbe;
import io.ecsmonitor.probe.ProbeConfig;
import io.ecsmonitor.probe.aws.AwsErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecs-monitor health}: the original {@code ecs-health.sh}. Probes once, prints a report, writes
 * the state file (atomically, keeping the previous run's verdicts to say what changed) and, when
 * something is wrong and not {@code --quiet}, an alert file in the output directory.
 */
@Command(name = "health",
        description = {"Checks the ECS services of ECS_CLUSTER, their ALB targets, and the HTTP answer and TLS certificate of "
                + "ECS_DOMAIN and ECS_HTTP_ENDPOINTS, once.",
                "Environment: ECS_CLUSTER (required), ECS_REGION, ECS_DOMAIN, ECS_SERVICES, ECS_HTTP_ENDPOINTS, "
                        + "ECS_HEALTH_STATE (default ./data/ecs-health.json), ECS_health_OUTDIR or ECS_HEALTH_OUTDIR (default ./data/).",
                "Exit codes: 0 healthy, 1 unhealthy, degraded or unknown, 2 error (bad flag or variable, no credentials, "
                        + "missing IAM permission, cluster not found, AWS unreachable)."},
        mixinStandardHelpOptions = true)
public final class HealthCommand implements Callable<Integer> {

    /** Prefix of the alert files written to the output directory. */
    public static final String ALERT_PREFIX = "ecs-health-alert-";
    private static final DateTimeFormatter ALERT_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--json", description = "Print only the JSON document (the state file's content) on standard output.")
    boolean json;

    @Option(names = "--quiet", description = "Print nothing and write no alert; only the state file is written (and the exit code set).")
    boolean quiet;

    @Mixin
    ProbeOptions probeOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment read; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws IOException {
        EcsEnvironment environment;
        ProbeConfig config;
        try {
            environment = EcsEnvironment.from(env);
            Map<String, Object> props = ProbeConfig.fromEnvironment(environment);
            probeOptions.applyTo(props);
            config = new ProbeConfig(props);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage().replace(ProbeConfig.HTTP_ATTEMPTS_CONFIG, "--http-attempts")
                    .replace(ProbeConfig.HTTP_PAUSE_MS_CONFIG, "--http-pause-ms").replace(ProbeConfig.HTTP_TIMEOUT_MS_CONFIG, "--http-timeout-ms")
                    .replace(ProbeConfig.AWS_ENDPOINT_CONFIG, "--endpoint-url"));
        }
        PrintWriter err = spec.commandLine().getErr();
        HealthState before = null;
        try {
            before = HealthState.read(environment.healthState());
        } catch (IOException | RuntimeException e) {
            err.println("ecs-monitor: ignoring the unreadable state file " + environment.healthState() + " (" + e.getMessage()
                    + "); it will be replaced");
        }
        if (before != null && !config.cluster().equals(before.cluster())) {
            before = null; // another cluster's verdicts say nothing about this one's changes
        }
        Map<String, HealthReport> previous = new LinkedHashMap<>();
        if (before != null && before.services() != null) {
            previous.putAll(before.services());
        }

        List<HealthReport> reports;
        try (HealthProbe probe = HealthProbe.create(config)) {
            reports = probe.probe(previous);
        }
        String setupError = setupError(reports, config);
        if (setupError != null) {
            throw new UsageException(setupError);
        }

        String checkedAt = Instant.ofEpochMilli(reports.isEmpty() ? System.currentTimeMillis() : reports.get(0).probedAt())
                .truncatedTo(ChronoUnit.SECONDS).toString();
        HealthState state = HealthState.of(config.cluster(), config.region(), checkedAt, reports, before);
        state.write(environment.healthState());

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        } else if (!quiet) {
            HealthText.print(out, state);
        }
        if (state.status() != HealthStatus.HEALTHY && !quiet) {
            Path alert = writeAlert(environment.outDir(), state);
            if (!json) {
                out.println("Alert written to " + alert);
            }
        }
        out.flush();
        return state.status() == HealthStatus.HEALTHY ? EcsMonitorCommand.EXIT_OK : EcsMonitorCommand.EXIT_FINDINGS;
    }

    /** One line saying what to fix when the probe could not do its job, or null. */
    static String setupError(List<HealthReport> reports, ProbeConfig config) {
        Set<String> denied = new LinkedHashSet<>();
        for (HealthReport r : reports) {
            for (Finding f : r.findings() == null ? List.<Finding>of() : r.findings()) {
                if (!AwsErrors.CODE.equals(f.code())) {
                    continue;
                }
                String kind = f.evidence().get("kind");
                if (AwsErrors.Kind.CREDENTIALS.label().equals(kind)) {
                    return "no AWS credentials found; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an IAM role";
                }
                if (AwsErrors.Kind.CLUSTER_NOT_FOUND.label().equals(kind)) {
                    return "cluster '" + config.cluster() + "' was not found in " + config.region()
                            + "; check ECS_CLUSTER and ECS_REGION";
                }
                if (AwsErrors.Kind.UNREACHABLE.label().equals(kind)) {
                    return "AWS could not be reached (" + f.evidence().get("error") + "); check the network, ECS_REGION and "
                            + "AWS_ENDPOINT_URL";
                }
                if (AwsErrors.Kind.ACCESS_DENIED.label().equals(kind)) {
                    denied.add(f.evidence().get("permission"));
                }
            }
        }
        if (!denied.isEmpty()) {
            return "AWS denied " + String.join(", ", denied) + "; grant " + (denied.size() == 1 ? "it" : "them")
                    + " to the IAM identity ecs-monitor runs as (the README lists every permission)";
        }
        return null;
    }

    private static Path writeAlert(Path outDir, HealthState state) throws IOException {
        List<HealthReport> bad = new ArrayList<>();
        state.services().values().stream().filter(r -> r.status() != HealthStatus.HEALTHY).forEach(bad::add);
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("cluster", state.cluster());
        alert.put("checkedAt", state.checkedAt());
        alert.put("status", state.status());
        alert.put("services", bad.stream().map(HealthReport::service).toList());
        alert.put("changes", state.changes());
        alert.put("reports", bad);
        Path file = outDir.resolve(ALERT_PREFIX + ALERT_STAMP.format(Instant.parse(state.checkedAt())) + ".json");
        HealthState.writeAtomically(file, JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(alert));
        return file;
    }
}
