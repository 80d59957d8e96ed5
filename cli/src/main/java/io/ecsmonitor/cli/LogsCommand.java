package io.ecsmonitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.cli.logs.AnalyzedEvent;
import io.ecsmonitor.cli.logs.HealthStateFile;
import io.ecsmonitor.cli.logs.LogReadFailure;
import io.ecsmonitor.cli.logs.LogsSession;
import io.ecsmonitor.cli.logs.LogsSession.ServiceRead;
import io.ecsmonitor.cli.logs.LogsSession.Window;
import io.ecsmonitor.cli.logs.Plural;
import io.ecsmonitor.cli.logs.Progress;
import io.ecsmonitor.cli.logs.RateLimiter;
import io.ecsmonitor.cli.logs.ServiceDiagnosis;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ecs-monitor logs}: the original {@code cloudwatch-logs.sh}, reading CloudWatch Logs directly
 * (same commands, arguments, flags and environment variables). Progress goes to stderr, the result
 * alone to stdout.
 */
@Command(name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Read and analyse the services' CloudWatch logs (the original cloudwatch-logs.sh).",
            "Environment: ECS_CLUSTER, ECS_REGION (default us-east-1), ECS_SERVICES (else every service of the cluster,"
                + " found with ListServices), ECS_LOG_PATTERN (default /ecs/{service}), ECS_HEALTH_STATE, ECS_health_OUTDIR.",
            "Flags go after the command: --minutes N (default 60), --json, --limit N (default 200), --verbose."},
        subcommands = {LogsCommand.Pull.class, LogsCommand.Errors.class, LogsCommand.Diagnose.class,
            LogsCommand.Restarts.class, LogsCommand.AutoDiagnose.class, LogsCommand.Summary.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, nothing wrong found",
            "1:done, something found (errors, restarts, a WARNING/CRITICAL verdict, a missing log group)",
            "2:bad flag, argument or environment variable, or AWS refused every read (permission, credentials)"})
final class LogsCommand implements Runnable {

    static final ObjectMapper JSON = JsonSerde.MAPPER;
    private static final String SERVICE_NAME = "[A-Za-z0-9_-]{1,255}";

    /** The environment variables; a test may replace them. */
    Map<String, String> environment = System.getenv();
    /** AWS settings for the run; null: the region of ECS_REGION and the SDK's own endpoint resolution. */
    AwsSettings awsSettings;
    /** The clock of the window; a test may replace it. */
    LongSupplier clock = System::currentTimeMillis;
    /** Calls per second for the whole run. */
    int callsPerSecond = RateLimiter.CLOUDWATCH_LOGS_PER_SECOND;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a logs command is needed: pull, errors, diagnose, restarts, auto-diagnose or summary");
    }

    /** The flags of the original tool, on every subcommand. */
    static final class Options {
        @Option(names = "--minutes", paramLabel = "N", defaultValue = "60", description = "Minutes of logs to read, up to now (default: ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--json", description = "Print JSON instead of text (events: one object per line; reports: one document).")
        boolean json;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "Events (or restarts) listed per service, the newest (default: ${DEFAULT-VALUE}); counts cover every event.")
        int limit;

        @Option(names = "--verbose", description = "Say on stderr what is read and every AWS call, retry and wait; print whole traces.")
        boolean verbose;
    }

    /** What every subcommand does around its own work. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        LogsCommand logs;

        @Mixin
        Options options = new Options();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out;
        LogsSession session;
        Window window;

        @Override
        public final Integer call() {
            if (options.minutes < 1 || options.minutes > 60 * 24 * 30) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be between 1 and 43200 (30 days), got " + options.minutes);
            }
            if (options.limit < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 or more, got " + options.limit);
            }
            validateArguments();
            EcsEnvironment env;
            try {
                env = EcsEnvironment.from(logs.environment);
            } catch (IllegalArgumentException e) {
                throw new EcsMonitorCommand.UsageException(e.getMessage());
            }
            AwsSettings settings = logs.awsSettings != null ? logs.awsSettings.withRegion(env.region())
                    : AwsSettings.fromRegion(env.region());
            out = spec.commandLine().getOut();
            Progress progress = new Progress(spec.commandLine().getErr(), options.verbose);
            window = Window.lastMinutes(options.minutes, logs.clock.getAsLong());
            try (LogsSession s = new LogsSession(env, settings, RateLimiter.perSecond(logs.callsPerSecond), progress)) {
                session = s;
                int code = work();
                out.flush();
                if (options.verbose || s.calls().retries() > 0) {
                    progress.note(String.format(java.util.Locale.ROOT, "%d AWS calls, %d retried, %.1f s waited for the rate limit",
                            s.calls().calls(), s.calls().retries(), s.calls().limiter().waitedMs() / 1000.0));
                }
                return code;
            } catch (IllegalArgumentException e) {
                throw new EcsMonitorCommand.UsageException(e.getMessage());
            } catch (LogReadFailure e) {
                throw new EcsMonitorCommand.UsageException(e.getMessage());
            } catch (UncheckedIOException e) {
                throw new EcsMonitorCommand.UsageException("cannot write the output: " + e.getCause().getMessage());
            }
        }

        void validateArguments() {
        }

        abstract int work();

        void validateService(String service, boolean allowAll) {
            if (allowAll && "all".equals(service)) {
                return;
            }
            if (!service.matches(SERVICE_NAME)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "'" + service
                        + "' is not an ECS service name (letters, digits, '-' and '_')" + (allowAll ? " or 'all'" : ""));
            }
        }

        void json(Object value) {
            try {
                out.println(JSON.writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
            }
        }

        /** The exit code when AWS refused every read, else {@code findings ? 1 : 0}. */
        int exit(boolean findings) {
            if (session.nothingReadable()) {
                return EcsMonitorCommand.EXIT_USAGE;
            }
            return findings ? EcsMonitorCommand.EXIT_FINDINGS : EcsMonitorCommand.EXIT_OK;
        }

        /** Diagnoses each of {@code services}, prints the report and returns the diagnoses. */
        List<ServiceDiagnosis> diagnoseAndPrint(List<String> services, Map<String, HealthStateFile.Entry> probe) {
            List<ServiceDiagnosis> results = session.forEach(services,
                    (i, s) -> session.diagnose(s, window, i, services.size(), options.limit));
            if (options.json) {
                json(diagnosisDocument(results, probe));
            } else {
                LogsText.diagnoseHeader(out, session.env(), window, results.size());
                for (ServiceDiagnosis d : results) {
                    out.println();
                    HealthStateFile.Entry p = probe.get(d.service());
                    if (p != null) {
                        out.println("health probe: " + p.status() + (p.summary() == null ? "" : " — " + p.summary()));
                    }
                    LogsText.diagnosis(out, d, options.verbose);
                }
            }
            return results;
        }

        /** The JSON report of {@code diagnose} and {@code auto-diagnose}. */
        ObjectNode diagnosisDocument(List<ServiceDiagnosis> results, Map<String, HealthStateFile.Entry> probe) {
            ObjectNode doc = reportHeader();
            ArrayNode arr = doc.putArray("services");
            for (ServiceDiagnosis d : results) {
                ObjectNode node = JSON.valueToTree(d);
                HealthStateFile.Entry p = probe.get(d.service());
                if (p != null) {
                    ObjectNode health = node.putObject("health");
                    health.put("status", p.status());
                    if (p.summary() != null) {
                        health.put("summary", p.summary());
                    }
                    if (p.probedAt() > 0) {
                        health.put("probedAt", p.probedAt());
                    }
                }
                arr.add(node);
            }
            return doc;
        }

        /** 1 when a verdict is not OK, 2 when AWS refused every read, else 0. */
        int verdictExit(List<ServiceDiagnosis> results) {
            return exit(results.stream().anyMatch(d -> d.status() != ServiceDiagnosis.Status.OK));
        }

        ObjectNode reportHeader() {
            ObjectNode doc = JSON.createObjectNode();
            session.env().cluster().ifPresent(c -> doc.put("cluster", c));
            doc.put("minutes", window.minutes());
            doc.put("from", window.startMs());
            doc.put("to", window.endMs());
            doc.put("logPattern", session.env().logPattern().pattern());
            return doc;
        }
    }

    /** A command about one service: a missing log group is a finding (1), any other failure 2. */
    abstract static class OneService extends Sub {
        @Parameters(paramLabel = "SERVICE", description = "The ECS service.")
        String service;

        @Override
        void validateArguments() {
            validateService(service, false);
        }

        @Override
        final int work() {
            ServiceRead r = session.read(service, window, 1, 1);
            if (r.problem() != null) {
                return "not_found".equals(r.problem().kind()) ? EcsMonitorCommand.EXIT_FINDINGS : EcsMonitorCommand.EXIT_USAGE;
            }
            return work(r);
        }

        abstract int work(ServiceRead r);
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Print a service's raw log events of the last --minutes, oldest first (the newest --limit of them).")
    static final class Pull extends OneService {
        @Override
        int work(ServiceRead r) {
            List<LogEvent> events = newest(r.events(), options.limit);
            if (events.size() < r.events().size()) {
                session.progress().note(String.format(java.util.Locale.ROOT,
                        "%s: showing the newest %,d of %s; --limit N shows more", service, events.size(), Plural.of(r.events().size(), "event")));
            }
            for (LogEvent e : events) {
                if (options.json) {
                    json(e);
                } else {
                    LogsText.rawEvent(out, e);
                }
            }
            return EcsMonitorCommand.EXIT_OK;
        }
    }

    @Command(name = "errors", mixinStandardHelpOptions = true,
            description = "Print the error events (traces stitched, classified, noise left out) of a service or of all services.")
    static final class Errors extends Sub {
        @Parameters(paramLabel = "SERVICE|all", description = "The ECS service, or 'all' for every service.")
        String service;

        @Override
        void validateArguments() {
            validateService(service, true);
        }

        @Override
        int work() {
            List<String> services = "all".equals(service) ? session.services() : List.of(service);
            List<ServiceErrors> results = session.forEach(services, (i, s) -> {
                ServiceRead r = session.read(s, window, i, services.size());
                if (r.problem() != null) {
                    return new ServiceErrors(r, 0, List.of(), 0);
                }
                List<AnalyzedEvent> errors = session.analyze(r.events()).stream().filter(AnalyzedEvent::isError).toList();
                return new ServiceErrors(new ServiceRead(r.service(), r.logGroup(), List.of(), null), r.events().size(),
                        newest(errors, options.limit), errors.size());
            });
            boolean found = false;
            for (ServiceErrors s : results) {
                ServiceRead r = s.read();
                if (r.problem() != null) {
                    found = true;
                    if (!options.json) {
                        out.println("== " + r.service() + " (" + r.logGroup() + "): " + r.problem().message());
                    }
                    continue;
                }
                found |= s.total() > 0;
                if (options.json) {
                    for (AnalyzedEvent e : s.shown()) {
                        json(e.toClassified());
                    }
                } else {
                    out.printf(java.util.Locale.ROOT, "== %s (%s): %s in %s, last %d min%s%n", r.service(),
                            r.logGroup(), Plural.of(s.total(), "error"), Plural.of(s.events(), "event"), window.minutes(),
                            s.shown().size() < s.total() ? " (the newest " + s.shown().size() + " shown)" : "");
                    for (AnalyzedEvent e : s.shown()) {
                        LogsText.errorEvent(out, e, options.verbose);
                    }
                }
            }
            return exit(found);
        }
    }

    /** The errors of one service: the newest shown, and how many in all (the events themselves are not kept). */
    private record ServiceErrors(ServiceRead read, long events, List<AnalyzedEvent> shown, long total) {
    }

    @Command(name = "diagnose", mixinStandardHelpOptions = true,
            description = "Per service: counts per category, HTTP status distribution (noise excluded), top fingerprints, restarts and a verdict.")
    static final class Diagnose extends Sub {
        @Override
        int work() {
            return verdictExit(diagnoseAndPrint(session.services(), Map.of()));
        }
    }

    @Command(name = "restarts", mixinStandardHelpOptions = true,
            description = "Print a service's task starts and in-task container restarts, with the errors before each.")
    static final class Restarts extends OneService {
        @Override
        int work(ServiceRead r) {
            List<AnalyzedEvent> analyzed = session.analyze(r.events());
            List<RestartEvent> restarts = session.restarts(r, analyzed, window);
            List<RestartEvent> shown = newest(restarts, options.limit);
            if (options.json) {
                ObjectNode doc = reportHeader();
                doc.put("service", service);
                doc.put("logGroup", r.logGroup());
                doc.put("events", r.events().size());
                doc.put("restartCount", restarts.size());
                doc.put("crashLoop", restarts.stream().anyMatch(RestartEvent::crashLoop));
                doc.set("restarts", JSON.valueToTree(shown));
                json(doc);
            } else {
                out.printf(java.util.Locale.ROOT, "%s (%s): %s in %s, last %d min%n", service, r.logGroup(),
                        Plural.of(restarts.size(), "restart"), Plural.of(r.events().size(), "event"), window.minutes());
                for (RestartEvent e : shown) {
                    LogsText.restart(out, e, "");
                }
            }
            return restarts.isEmpty() ? EcsMonitorCommand.EXIT_OK : EcsMonitorCommand.EXIT_FINDINGS;
        }
    }

    @Command(name = "auto-diagnose", mixinStandardHelpOptions = true,
            description = "Diagnose every service that the health state file (ECS_HEALTH_STATE) marks UNHEALTHY or DEGRADED.")
    static final class AutoDiagnose extends Sub {
        @Override
        int work() {
            List<HealthStateFile.Entry> entries = HealthStateFile.read(session.env().healthState());
            Map<String, HealthStateFile.Entry> sick = new java.util.LinkedHashMap<>();
            for (HealthStateFile.Entry e : entries) {
                if (e.needsDiagnosis()) {
                    sick.put(e.service(), e);
                } else if (!"HEALTHY".equals(e.status())) {
                    session.progress().note(e.service() + ": the probe says " + e.status() + "; not diagnosed");
                }
            }
            if (sick.isEmpty()) {
                if (options.json) {
                    ObjectNode doc = reportHeader();
                    doc.put("healthState", session.env().healthState().toString());
                    doc.putArray("services");
                    json(doc);
                } else {
                    out.println("no service is UNHEALTHY or DEGRADED in " + session.env().healthState() + " ("
                            + Plural.of(entries.size(), "service") + ")");
                }
                return EcsMonitorCommand.EXIT_OK;
            }
            session.progress().note("diagnosing " + String.join(", ", sick.keySet()) + " (from " + session.env().healthState() + ")");
            List<ServiceDiagnosis> results = diagnoseAndPrint(new ArrayList<>(sick.keySet()), sick);
            writeReport(diagnosisDocument(results, sick));
            return session.nothingReadable() ? EcsMonitorCommand.EXIT_USAGE : EcsMonitorCommand.EXIT_FINDINGS;
        }

        /**
         * Leaves the diagnosis in the output directory ({@code ECS_health_OUTDIR}), beside the health
         * probe's state and alerts, as {@code logs-diagnosis-<UTC time>.json}, written atomically. A
         * directory that cannot be written is reported and does not fail the run: the report is on stdout.
         */
        private void writeReport(ObjectNode doc) {
            Path dirPath = session.env().outDir();
            String name = "logs-diagnosis-" + REPORT_TIME.format(Instant.ofEpochMilli(window.endMs())) + ".json";
            Path target = dirPath.resolve(name);
            try {
                Files.createDirectories(dirPath);
                Path tmp = Files.createTempFile(dirPath, ".logs-diagnosis-", ".tmp");
                try {
                    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                session.progress().note("wrote " + target);
            } catch (IOException e) {
                session.progress().note("cannot write " + target + " (" + e.getMessage() + "); check "
                        + EcsEnvironment.OUTDIR + "; the report is on stdout only");
            }
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "One line per service: verdict, events, errors, 5xx, restarts.")
    static final class Summary extends Sub {
        @Override
        int work() {
            List<String> services = session.services();
            List<ServiceDiagnosis> results = session.forEach(services,
                    (i, s) -> session.diagnose(s, window, i, services.size(), options.limit));
            if (options.json) {
                ObjectNode doc = reportHeader();
                ArrayNode arr = doc.putArray("services");
                for (ServiceDiagnosis d : results) {
                    ObjectNode line = arr.addObject();
                    line.put("service", d.service());
                    line.put("status", d.status().name());
                    line.put("events", d.events());
                    line.put("errors", d.errors());
                    line.put("http5xx", d.http5xx());
                    line.put("restarts", d.restartCount());
                    d.categories().entrySet().stream().max(Map.Entry.comparingByValue())
                            .ifPresent(c -> line.put("topCategory", c.getKey().wireName()));
                    line.put("verdict", d.verdict());
                    if (d.problem() != null) {
                        line.put("problem", d.problem().kind());
                    }
                }
                json(doc);
            } else {
                LogsText.summary(out, results);
            }
            return exit(results.stream().anyMatch(d -> d.status() != ServiceDiagnosis.Status.OK));
        }
    }

    /** The time in report file names: sortable, UTC, no characters that file systems refuse. */
    static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static <T> List<T> newest(List<T> items, int limit) {
        return items.size() <= limit ? items : items.subList(items.size() - limit, items.size());
    }
}
