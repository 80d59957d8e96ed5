package io.ecsmonitor.cli.logs;

import io.ecsmonitor.cli.logs.ServiceDiagnosis.Problem;
import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.model.LogEvent;
import io.ecsmonitor.core.model.RestartEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * One run of a {@code logs} command: the environment, the AWS clients (built once, one attempt per
 * call, so that {@link AwsCalls} paces and retries every attempt), the one rate limiter, and the
 * steps every command shares: which services, read a service's events, analyse them, diagnose.
 */
public final class LogsSession implements AutoCloseable {

    /** IAM permissions the commands need, for the README and error messages. */
    public static final List<String> PERMISSIONS = List.of("logs:FilterLogEvents", "logs:DescribeLogStreams",
            "logs:DescribeLogGroups", "ecs:ListServices");

    /**
     * The time window read.
     *
     * @param startMs start, ms since the epoch, inclusive
     * @param endMs   end, ms since the epoch, inclusive
     * @param minutes its length
     */
    public record Window(long startMs, long endMs, int minutes) {
        /** The last {@code minutes} minutes up to {@code nowMs}. */
        public static Window lastMinutes(int minutes, long nowMs) {
            return new Window(nowMs - minutes * 60_000L, nowMs, minutes);
        }
    }

    /**
     * A service's events, or why they could not be read.
     *
     * @param service  the service
     * @param logGroup its log group
     * @param events   its events, oldest first (empty on failure)
     * @param problem  the failure, or null
     */
    public record ServiceRead(String service, String logGroup, List<LogEvent> events, Problem problem) {
    }

    /** Services read at the same time. */
    public static final int READ_THREADS = 4;

    private final EcsEnvironment env;
    private final AwsSettings settings;
    private final AwsCalls calls;
    private final Progress progress;
    private final LogAnalyzer analyzer = new LogAnalyzer();
    private CloudWatchLogsClient logsClient;
    private EcsClient ecsClient;
    private CloudWatchLogReader reader;
    private final AtomicInteger failedAws = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger();

    /**
     * @param env      the environment
     * @param settings AWS settings (region, and an endpoint override only when explicitly configured)
     * @param limiter  the run's one rate limiter
     * @param progress where progress goes (stderr)
     */
    public LogsSession(EcsEnvironment env, AwsSettings settings, RateLimiter limiter, Progress progress) {
        this.env = env;
        this.settings = settings.withMaxAttempts(1);
        this.progress = progress;
        this.calls = new AwsCalls(limiter, AwsCalls.DEFAULT_MAX_ATTEMPTS, progress);
    }

    /** The environment. */
    public EcsEnvironment env() {
        return env;
    }

    /** The calls made so far. */
    public AwsCalls calls() {
        return calls;
    }

    /** The progress reporter. */
    public Progress progress() {
        return progress;
    }

    /**
     * The services to read: {@code ECS_SERVICES}, else every service of {@code ECS_CLUSTER} (ListServices).
     *
     * @throws IllegalArgumentException when neither is set
     * @throws LogReadFailure           when the services cannot be listed
     */
    public synchronized List<String> services() {
        if (!env.services().isEmpty()) {
            return env.services();
        }
        String cluster = env.cluster().orElseThrow(() -> new IllegalArgumentException(EcsEnvironment.CLUSTER
                + " is not set; set it to your ECS cluster name (like " + EcsEnvironment.CLUSTER
                + "=my-cluster), or list the services in " + EcsEnvironment.SERVICES + "=api,worker"));
        if (ecsClient == null) {
            ecsClient = AwsClients.sync(EcsClient.builder(), settings);
        }
        progress.detail("listing the services of cluster " + cluster);
        List<String> services = new ServiceLister(ecsClient, calls).services(cluster);
        progress.detail("services of " + cluster + ": " + String.join(", ", services));
        return services;
    }

    /** Reads the events of {@code service} in {@code window}; the {@code index}-th of {@code total}. */
    public ServiceRead read(String service, Window window, int index, int total) {
        String group = env.logPattern().logGroup(service);
        progress.service(index, total, service, group);
        long started = System.currentTimeMillis();
        try {
            List<LogEvent> events = reader().read(service, env.cluster().orElse(null), group, window.startMs(),
                    window.endMs(), (g, pages, soFar) -> progress.page(pages, soFar));
            read.incrementAndGet();
            progress.done(events.size(), System.currentTimeMillis() - started);
            return new ServiceRead(service, group, events, null);
        } catch (LogReadFailure f) {
            Problem p = problem(service, group, f);
            progress.problem(service, p.message());
            return new ServiceRead(service, group, List.of(), p);
        }
    }

    /** What is done for one service: its position (from 1) and its name in, a result out. */
    @FunctionalInterface
    public interface PerService<T> {
        T apply(int index, String service);
    }

    /**
     * Does {@code work} for each service, {@value #READ_THREADS} services at a time (every call still
     * passes the one rate limiter: while FilterLogEvents scans, a call can take seconds, and the
     * others use the time), and returns the results in the order of {@code services}.
     */
    public <T> List<T> forEach(List<String> services, PerService<T> work) {
        if (services.size() <= 1) {
            List<T> out = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                out.add(work.apply(i + 1, services.get(i)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READ_THREADS, services.size()), r -> {
            Thread t = new Thread(r, "logs-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                int index = i + 1;
                String service = services.get(i);
                futures.add(pool.submit(() -> work.apply(index, service)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogReadFailure(LogReadFailure.Kind.FAILED, "interrupted", null, false, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stitches and classifies a service's events. */
    public List<AnalyzedEvent> analyze(List<LogEvent> events) {
        return analyzer.analyze(events);
    }

    /** The restarts in a service's analysed events. */
    public List<RestartEvent> restarts(ServiceRead r, List<AnalyzedEvent> analyzed, Window window) {
        Set<String> streams = new HashSet<>();
        for (AnalyzedEvent e : analyzed) {
            streams.add(e.logStream());
        }
        Map<String, Long> first = Map.of();
        if (streams.size() > 1) {
            try {
                first = reader().firstEventTimes(r.logGroup(), streams, window.startMs());
            } catch (LogReadFailure f) {
                progress.problem(r.service(), "cannot tell when the log streams began (" + f.getMessage()
                        + "); task starts are judged by start-up banners alone");
            }
        }
        return RestartDetector.detect(r.service(), env.cluster().orElse(null), analyzed, first, window.startMs());
    }

    /** Reads, analyses and diagnoses one service. */
    public ServiceDiagnosis diagnose(String service, Window window, int index, int total, int restartLimit) {
        ServiceRead r = read(service, window, index, total);
        if (r.problem() != null) {
            return ServiceDiagnosis.failed(service, env.cluster().orElse(null), r.logGroup(), r.problem());
        }
        List<AnalyzedEvent> analyzed = analyze(r.events());
        List<RestartEvent> restarts = restarts(r, analyzed, window);
        return Diagnoser.diagnose(service, env.cluster().orElse(null), r.logGroup(), r.events().size(), analyzed,
                restarts, restartLimit);
    }

    /**
     * True when AWS refused or failed every service tried (no log group missing, but no permission,
     * no credentials or no answer): the run could not do its work.
     */
    public boolean nothingReadable() {
        return read.get() == 0 && failedAws.get() > 0;
    }

    private Problem problem(String service, String group, LogReadFailure f) {
        if (f.kind() == LogReadFailure.Kind.NOT_FOUND) {
            String pattern = env.logPattern().pattern();
            StringBuilder m = new StringBuilder("log group " + group + " does not exist (named by "
                    + EcsEnvironment.LOG_PATTERN + "=" + pattern + ")");
            List<String> similar = reader().groupsContaining(service, 3);
            if (!similar.isEmpty()) {
                m.append("; log groups that contain '").append(service).append("': ").append(String.join(", ", similar));
                String g = similar.get(0);
                int at = g.indexOf(service);
                if (at >= 0 && g.indexOf(service, at + 1) < 0) {
                    m.append("; try ").append(EcsEnvironment.LOG_PATTERN).append("=")
                            .append(g, 0, at).append("{service}").append(g.substring(at + service.length()));
                }
            } else {
                m.append("; set ").append(EcsEnvironment.LOG_PATTERN).append(" to the pattern of your log groups, like /ecs/prod/{service}");
            }
            return new Problem("not_found", m.toString(), null, pattern);
        }
        failedAws.incrementAndGet();
        return new Problem(f.kind().name().toLowerCase(Locale.ROOT), f.getMessage(), f.permission(), null);
    }

    private synchronized CloudWatchLogReader reader() {
        if (reader == null) {
            logsClient = AwsClients.sync(CloudWatchLogsClient.builder(), settings);
            reader = new CloudWatchLogReader(logsClient, calls);
        }
        return reader;
    }

    @Override
    public void close() {
        if (logsClient != null) {
            logsClient.close();
        }
        if (ecsClient != null) {
            ecsClient.close();
        }
    }
}
