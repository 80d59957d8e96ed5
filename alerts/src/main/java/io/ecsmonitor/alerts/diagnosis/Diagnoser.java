package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.alerts.AlertsConfig;
import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.DeploymentCorrelation;
import io.ecsmonitor.core.model.Diagnosis.Link;
import io.ecsmonitor.core.model.Diagnosis.Status;
import io.ecsmonitor.core.model.Diagnosis.WindowCounts;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.ContainerExit;
import io.ecsmonitor.core.model.HealthReport.Deployment;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HttpCheck;
import io.ecsmonitor.core.model.HealthReport.StoppedTask;
import io.ecsmonitor.core.model.HealthReport.TargetGroupHealth;
import io.ecsmonitor.core.model.HealthReport.TargetState;
import io.ecsmonitor.core.model.HealthReport.TlsCheck;
import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules: turns what is known of one service at one time (its latest health report, its statistics
 * windows, restarts and fingerprints) into a {@link Diagnosis}. Pure and deterministic: the same inputs
 * and time give the same diagnosis, so the topology and its tests share it.
 */
public final class Diagnoser {

    private static final long MINUTE = 60_000L;
    private static final int[] SPANS = {5, 15, 60};
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern EXCEPTION_NAME = Pattern.compile(
            "\\b([A-Z][A-Za-z0-9]*(?:Error|Exception|Panic))\\b|\\b(panic|SIGSEGV|SIGKILL|OOMKilled|out of memory)\\b");
    private static final Set<String> HANDLED_FINDINGS = Set.of("running_below_desired", "rollout_failed", "task_oom_killed",
            "targets_unhealthy", "http_failed", "tls_expiring", "tls_invalid", "tasks_stopped", "deployment_failed");

    private final AlertsConfig config;

    public Diagnoser(AlertsConfig config) {
        this.config = config;
    }

    /** A cause with the order of the rule that found it, for ranking. */
    private record Ranked(int rule, String family, Cause cause) {
    }

    /**
     * Diagnoses {@code service} at {@code now}.
     *
     * @param health       the latest health report, or null
     * @param history      the service's windows and restarts (never null)
     * @param fingerprints the service's fingerprint history, or null
     */
    public Diagnosis diagnose(String service, long now, HealthReport health, ServiceHistory history,
                              FingerprintHistory fingerprints) {
        List<ServiceStats> windows = history.windows().stream()
                .filter(w -> w.windowEnd() > now - 60 * MINUTE && w.windowStart() <= now).toList();
        List<RestartEvent> restarts = history.restarts().stream()
                .filter(r -> r.timestamp() > now - 60 * MINUTE && r.timestamp() <= now).toList();
        List<WindowCounts> counts = new ArrayList<>();
        for (int span : SPANS) {
            counts.add(count(span, now, windows, restarts));
        }
        long crashFrom = now - config.crashWindow.toMillis();
        List<ServiceStats> crashWindows = windows.stream().filter(w -> w.windowEnd() > crashFrom).toList();
        List<RestartEvent> recentRestarts = restarts.stream().filter(r -> r.timestamp() > crashFrom).toList();
        List<StoppedTask> stopped = health == null || health.stoppedTasks() == null ? List.of()
                : health.stoppedTasks().stream().filter(t -> t.stoppedAt() > crashFrom && t.stoppedAt() <= now + MINUTE).toList();
        List<FingerprintCount> top = topFingerprints(crashWindows, 5);

        List<Ranked> causes = new ArrayList<>();
        crashLoop(recentRestarts, crashWindows, stopped, top, causes);
        stoppedTasks(stopped, causes);
        crashErrors(crashWindows, top, causes);
        if (health != null && health.ecs() != null) {
            rollout(health.ecs(), causes);
            running(health.ecs(), causes);
        }
        if (health != null) {
            targets(health.targetGroups(), causes);
        }
        http5xx(now, windows, causes);
        errorRate(now, history, windows, top, causes);
        List<FingerprintCount> newPatterns = newPatterns(now, crashWindows, fingerprints, causes);
        if (health != null) {
            httpChecks(health.http(), causes);
            tls(health.tls(), causes);
            otherFindings(health.findings(), causes);
        }
        causes.sort(Comparator.comparing((Ranked r) -> r.cause().status()).reversed().thenComparingInt(Ranked::rule));
        Status status = causes.isEmpty() ? Status.OK : causes.get(0).cause().status();
        String cluster = health != null && health.cluster() != null ? health.cluster()
                : history.cluster() != null ? history.cluster() : config.cluster.orElse(null);

        DeploymentCorrelation deployment = status == Status.OK || health == null || health.ecs() == null ? null
                : correlate(now, health.ecs().deployments(), windows, history, restarts, stopped);
        if (deployment != null && !causes.isEmpty()) {
            Ranked first = causes.get(0);
            List<String> ev = new ArrayList<>(first.cause().evidence());
            ev.add(0, "started " + minutesBetween(deployment.startedAt(), deployment.troubleStartedAt())
                    + " min after deployment " + deployment.deploymentId() + " (" + deployment.taskDefinition() + ") began at "
                    + HHMM.format(Instant.ofEpochMilli(deployment.startedAt())));
            causes.set(0, new Ranked(first.rule(), first.family(), new Cause(first.cause().code(), first.cause().status(),
                    first.cause().title(), first.cause().detail(), List.copyOf(ev))));
        }
        List<Cause> ranked = causes.stream().map(Ranked::cause).toList();
        String headline = causes.isEmpty() ? "healthy" : causes.get(0).cause().title();
        String summary = summary(service, causes, counts, health);
        if (deployment != null && !causes.get(0).family().equals("deploy")) {
            summary += "; began " + minutesBetween(deployment.startedAt(), deployment.troubleStartedAt())
                    + " min into deployment " + deployment.deploymentId() + " (" + deployment.taskDefinition() + ")";
        }
        List<String> steps = nextSteps(service, cluster, causes, deployment, top);
        List<Link> links = links(service, cluster, causes);
        return new Diagnosis(service, cluster, now, status, headline, summary, ranked, List.copyOf(counts),
                top, newPatterns, deployment, steps, links);
    }

    // ---- counts -----------------------------------------------------------------------------------------

    private static WindowCounts count(int minutes, long now, List<ServiceStats> windows, List<RestartEvent> restarts) {
        long from = now - minutes * MINUTE;
        long events = 0;
        long errors = 0;
        long requests = 0;
        long http5xx = 0;
        Map<Category, Long> categories = new EnumMap<>(Category.class);
        for (ServiceStats w : windows) {
            if (w.windowEnd() <= from) {
                continue;
            }
            events += w.events();
            errors += w.errors();
            if (w.categories() != null) {
                w.categories().forEach((c, n) -> {
                    if (c != null) {
                        categories.merge(c, n, Long::sum);
                    }
                });
            }
            if (w.statusClasses() != null) {
                for (Map.Entry<String, Long> e : w.statusClasses().entrySet()) {
                    requests += e.getValue();
                    if ("5xx".equals(e.getKey())) {
                        http5xx += e.getValue();
                    }
                }
            }
        }
        long r = restarts.stream().filter(e -> e.timestamp() > from).count();
        return new WindowCounts(minutes, events, errors, Map.copyOf(categories), requests, http5xx, r);
    }

    private static List<FingerprintCount> topFingerprints(List<ServiceStats> windows, int limit) {
        Map<String, FingerprintCount> sum = new LinkedHashMap<>();
        for (ServiceStats w : windows) {
            if (w.topFingerprints() == null) {
                continue;
            }
            for (FingerprintCount f : w.topFingerprints()) {
                sum.merge(f.fingerprint(), f, (a, b) -> new FingerprintCount(a.fingerprint(), a.category(),
                        a.count() + b.count(), b.sample() != null ? b.sample() : a.sample()));
            }
        }
        return sum.values().stream()
                .sorted(Comparator.comparingLong(FingerprintCount::count).reversed()
                        .thenComparing(f -> f.category() == null ? 99 : f.category().precedence()))
                .limit(limit).toList();
    }

    // ---- rules, in rank order ---------------------------------------------------------------------------

    private void crashLoop(List<RestartEvent> restarts, List<ServiceStats> windows, List<StoppedTask> stopped,
                           List<FingerprintCount> top, List<Ranked> out) {
        if (restarts.isEmpty()) {
            return;
        }
        boolean loop = restarts.stream().anyMatch(RestartEvent::crashLoop);
        if (!loop && restarts.size() < config.restartsWarningCount) {
            return;
        }
        Category kind = null;
        for (RestartEvent r : restarts) {
            kind = Category.first(kind, r.lastErrorCategory());
        }
        for (ServiceStats w : windows) {
            if (w.categories() != null && w.categories().getOrDefault(Category.OOM, 0L) > 0) {
                kind = Category.first(kind, Category.OOM);
            }
        }
        if (stopped.stream().anyMatch(t -> isOom(t))) {
            kind = Category.OOM;
        }
        int n = Math.max(restarts.size(), restarts.get(restarts.size() - 1).restartsInWindow());
        long span = restarts.get(restarts.size() - 1).timestamp() - restarts.get(0).timestamp();
        String after = lastError(restarts, top);
        String title = (kind == Category.OOM ? "OOM " : kind == Category.PANIC ? "panic " : kind == Category.FATAL ? "fatal-error " : "")
                + (loop ? "crash loop" : "restarts");
        String detail = n + " restarts in " + Math.max(1, (span + MINUTE - 1) / MINUTE) + " min"
                + (after == null ? "" : " after " + after);
        List<String> evidence = new ArrayList<>();
        for (int i = restarts.size() - 1; i >= 0 && evidence.size() < 3; i--) {
            RestartEvent r = restarts.get(i);
            StringBuilder sb = new StringBuilder("restart at ").append(HHMM.format(Instant.ofEpochMilli(r.timestamp())))
                    .append(" (").append(r.kind() == RestartEvent.Kind.TASK_START ? "new task " : "container restarted in task ")
                    .append(r.taskId() == null ? "?" : r.taskId());
            if (r.previousTaskId() != null && r.kind() == RestartEvent.Kind.TASK_START) {
                sb.append(", replacing ").append(r.previousTaskId());
            }
            sb.append(')');
            if (r.lastErrors() != null && !r.lastErrors().isEmpty()) {
                sb.append("; last error: ").append(shorten(r.lastErrors().get(r.lastErrors().size() - 1), 160));
            }
            evidence.add(sb.toString());
        }
        if (loop) {
            evidence.add("flagged as a crash loop: " + n + " restarts within the restart detector's window");
        }
        out.add(new Ranked(10, "crash", new Cause(loop ? "crash_loop" : "restarts",
                loop ? Status.CRITICAL : Status.WARNING, title, detail, List.copyOf(evidence))));
    }

    private static boolean isOom(StoppedTask t) {
        return "oom_killed".equals(t.cause()) || "exit_137".equals(t.cause());
    }

    private static String lastError(List<RestartEvent> restarts, List<FingerprintCount> top) {
        for (int i = restarts.size() - 1; i >= 0; i--) {
            List<String> lines = restarts.get(i).lastErrors();
            if (lines != null) {
                for (int j = lines.size() - 1; j >= 0; j--) {
                    String name = exceptionName(lines.get(j));
                    if (name != null) {
                        return name;
                    }
                }
            }
            if (restarts.get(i).lastErrorCategory() != null) {
                return categoryWords(restarts.get(i).lastErrorCategory());
            }
        }
        for (FingerprintCount f : top) {
            String name = f.sample() == null ? null : exceptionName(f.sample());
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    static String exceptionName(String text) {
        Matcher m = EXCEPTION_NAME.matcher(text);
        if (m.find()) {
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        return null;
    }

    private static String categoryWords(Category c) {
        return switch (c) {
            case OOM -> "out-of-memory errors";
            case PANIC -> "a panic";
            case FATAL -> "a fatal error";
            case TIMEOUT -> "timeouts";
            case CONNECTION_ERROR -> "connection errors";
            case AUTH_ERROR -> "authentication errors";
            case HTTP_5XX -> "5xx responses";
            case PYTHON_TRACEBACK -> "a Python traceback";
            case EXCEPTION -> "an exception";
            case STRUCTURED_ERROR, ERROR -> "errors";
        };
    }

    private void stoppedTasks(List<StoppedTask> stopped, List<Ranked> out) {
        List<StoppedTask> oom = stopped.stream().filter(Diagnoser::isOom).toList();
        List<StoppedTask> other = stopped.stream().filter(t -> !isOom(t) && abnormal(t)).toList();
        if (!oom.isEmpty()) {
            out.add(new Ranked(20, "crash", new Cause("tasks_oom_killed", Status.CRITICAL, "tasks OOM-killed",
                    oom.size() + (oom.size() == 1 ? " task" : " tasks") + " stopped for memory (exit 137)",
                    oom.stream().limit(3).map(Diagnoser::describe).toList())));
        }
        if (!other.isEmpty()) {
            Map<String, Long> byCause = new TreeMap<>();
            other.forEach(t -> byCause.merge(t.cause() == null ? "exited" : t.cause(), 1L, Long::sum));
            out.add(new Ranked(40, "crash", new Cause("tasks_stopped", Status.WARNING, "tasks stopping",
                    other.size() + (other.size() == 1 ? " task" : " tasks") + " stopped (" + join(byCause) + ")",
                    other.stream().limit(3).map(Diagnoser::describe).toList())));
        }
    }

    private static boolean abnormal(StoppedTask t) {
        if (t.cause() != null && !"exited".equals(t.cause())) {
            return true;
        }
        return t.containers() != null && t.containers().stream().anyMatch(c -> c.exitCode() != null && c.exitCode() != 0);
    }

    private static String describe(StoppedTask t) {
        StringBuilder sb = new StringBuilder("task ").append(t.taskId()).append(" (").append(t.taskDefinition())
                .append(") stopped at ").append(HHMM.format(Instant.ofEpochMilli(t.stoppedAt())));
        if (t.stopCode() != null) {
            sb.append(", ").append(t.stopCode());
        }
        if (t.stoppedReason() != null) {
            sb.append(": ").append(shorten(t.stoppedReason(), 120));
        }
        if (t.containers() != null) {
            for (ContainerExit c : t.containers()) {
                if (c.exitCode() != null && c.exitCode() != 0 || c.reason() != null) {
                    sb.append("; container ").append(c.name()).append(" exit ").append(c.exitCode());
                    if (c.reason() != null) {
                        sb.append(" (").append(shorten(c.reason(), 80)).append(')');
                    }
                }
            }
        }
        return sb.toString();
    }

    private void crashErrors(List<ServiceStats> windows, List<FingerprintCount> top, List<Ranked> out) {
        Map<Category, Long> crash = new EnumMap<>(Category.class);
        for (ServiceStats w : windows) {
            if (w.categories() != null) {
                w.categories().forEach((c, n) -> {
                    if (c != null && config.crashCategories.contains(c) && n > 0) {
                        crash.merge(c, n, Long::sum);
                    }
                });
            }
        }
        if (crash.isEmpty()) {
            return;
        }
        Category worst = crash.keySet().iterator().next();
        String title = switch (worst) {
            case OOM -> "out-of-memory errors";
            case PANIC -> "panics";
            case FATAL -> "fatal errors";
            default -> worst.wireName() + " errors";
        };
        List<String> evidence = new ArrayList<>();
        for (FingerprintCount f : top) {
            if (crash.containsKey(f.category())) {
                evidence.add(f.count() + "× " + f.category() + " [" + f.fingerprint() + "]: " + shorten(f.sample(), 160));
            }
        }
        out.add(new Ranked(30, "crash", new Cause("crash_errors", Status.CRITICAL, title,
                join(crash) + " in " + config.crashWindow.toMinutes() + " min", List.copyOf(evidence))));
    }

    private void rollout(HealthReport.EcsState ecs, List<Ranked> out) {
        if (ecs.deployments() == null) {
            return;
        }
        for (Deployment d : ecs.deployments()) {
            if ("FAILED".equals(d.rolloutState())) {
                List<String> evidence = new ArrayList<>();
                evidence.add("deployment " + d.id() + " (" + d.taskDefinition() + ") rollout FAILED"
                        + (d.rolloutStateReason() == null ? "" : ": " + d.rolloutStateReason()));
                evidence.add(d.failedTasks() + " failed tasks, " + d.running() + "/" + d.desired() + " running");
                out.add(new Ranked(50, "deploy", new Cause("rollout_failed", Status.CRITICAL, "failed rollout",
                        "deployment " + d.id() + " (" + d.taskDefinition() + ") failed"
                                + (d.rolloutStateReason() == null ? "" : ": " + shorten(d.rolloutStateReason(), 100)),
                        List.copyOf(evidence))));
                return;
            }
        }
        for (Deployment d : ecs.deployments()) {
            if ("IN_PROGRESS".equals(d.rolloutState()) && d.failedTasks() > 0) {
                out.add(new Ranked(55, "deploy", new Cause("rollout_failing", Status.WARNING, "failing rollout",
                        d.failedTasks() + " tasks failed in deployment " + d.id() + " (" + d.taskDefinition() + ")",
                        List.of("rollout IN_PROGRESS, " + d.running() + "/" + d.desired() + " running, "
                                + d.failedTasksDelta() + " failed since the previous probe"))));
                return;
            }
        }
    }

    private void running(HealthReport.EcsState ecs, List<Ranked> out) {
        if (ecs.desired() <= 0 || ecs.running() >= ecs.desired()) {
            return;
        }
        double ratio = (double) ecs.running() / ecs.desired();
        Status s = ecs.running() == 0 || ratio < config.runningCriticalRatio ? Status.CRITICAL : Status.WARNING;
        out.add(new Ranked(60, "capacity", new Cause("running_below_desired", s, "tasks missing",
                ecs.running() + "/" + ecs.desired() + " tasks running",
                List.of("desired " + ecs.desired() + ", running " + ecs.running() + ", pending " + ecs.pending()))));
    }

    private void targets(List<TargetGroupHealth> groups, List<Ranked> out) {
        if (groups == null || groups.isEmpty()) {
            return;
        }
        long total = 0;
        long unhealthy = 0;
        Map<String, Long> reasons = new TreeMap<>();
        List<String> evidence = new ArrayList<>();
        for (TargetGroupHealth g : groups) {
            if (g.states() == null) {
                continue;
            }
            for (Map.Entry<String, Integer> e : g.states().entrySet()) {
                if (!"unused".equals(e.getKey())) {
                    total += e.getValue();
                }
            }
            long bad = g.states().getOrDefault("unhealthy", 0) + g.states().getOrDefault("unavailable", 0);
            unhealthy += bad;
            if (g.unhealthy() != null) {
                for (TargetState t : g.unhealthy()) {
                    if ("unhealthy".equals(t.state()) || "unavailable".equals(t.state())) {
                        reasons.merge(t.reasonCode() == null ? t.state() : t.reasonCode(), 1L, Long::sum);
                        if (evidence.size() < 4) {
                            evidence.add("target " + t.id() + ":" + t.port() + " in " + g.name() + " " + t.state()
                                    + (t.reasonCode() == null ? "" : " (" + t.reasonCode() + ")")
                                    + (t.description() == null ? "" : ": " + shorten(t.description(), 120)));
                        }
                    }
                }
            }
        }
        if (unhealthy == 0 || total == 0) {
            return;
        }
        Status s = (double) unhealthy / total >= config.targetsCriticalRatio ? Status.CRITICAL : Status.WARNING;
        String why = reasons.isEmpty() ? "" : " (" + String.join(", ", reasons.keySet()) + ")";
        out.add(new Ranked(70, "traffic", new Cause("targets_unhealthy", s, "unhealthy targets",
                unhealthy + "/" + total + " targets unhealthy" + why, List.copyOf(evidence))));
    }

    private void http5xx(long now, List<ServiceStats> windows, List<Ranked> out) {
        long from = now - config.rateWindow.toMillis();
        long requests = 0;
        long errors = 0;
        for (ServiceStats w : windows) {
            if (w.windowEnd() > from && w.statusClasses() != null) {
                for (Map.Entry<String, Long> e : w.statusClasses().entrySet()) {
                    requests += e.getValue();
                    if ("5xx".equals(e.getKey())) {
                        errors += e.getValue();
                    }
                }
            }
        }
        if (requests < config.http5xxMinRequests || errors == 0) {
            return;
        }
        double share = (double) errors / requests;
        if (share < config.http5xxWarningRatio) {
            return;
        }
        Status s = share >= config.http5xxCriticalRatio ? Status.CRITICAL : Status.WARNING;
        out.add(new Ranked(80, "traffic", new Cause("http_5xx_share", s, "5xx responses",
                percent(share) + " of " + requests + " requests answered 5xx in " + config.rateWindow.toMinutes() + " min",
                List.of(errors + " of " + requests + " access-log requests had a 5xx status (threshold "
                        + percent(config.http5xxWarningRatio) + " WARNING, " + percent(config.http5xxCriticalRatio) + " CRITICAL)"))));
    }

    private void errorRate(long now, ServiceHistory history, List<ServiceStats> windows, List<FingerprintCount> top,
                           List<Ranked> out) {
        long rateFrom = now - config.rateWindow.toMillis();
        long baselineFrom = rateFrom - config.baseline.toMillis();
        long oldest = history.windows().isEmpty() ? now : history.windows().get(0).windowStart();
        if (oldest > rateFrom - config.baselineMinHistory.toMillis()) {
            return;
        }
        long current = 0;
        long base = 0;
        for (ServiceStats w : history.windows()) {
            if (w.windowStart() > now) {
                continue;
            }
            if (w.windowEnd() > rateFrom) {
                current += w.errors();
            } else if (w.windowEnd() > baselineFrom) {
                base += w.errors();
            }
        }
        if (current < config.errorRateMinErrors) {
            return;
        }
        double baseMinutes = (rateFrom - Math.max(baselineFrom, oldest)) / (double) MINUTE;
        double basePerMin = base / Math.max(1.0, baseMinutes);
        double curPerMin = current / (double) config.rateWindow.toMinutes();
        double factor = basePerMin == 0 ? Double.POSITIVE_INFINITY : curPerMin / basePerMin;
        if (factor < config.errorRateWarningFactor) {
            return;
        }
        Status s = factor >= config.errorRateCriticalFactor ? Status.CRITICAL : Status.WARNING;
        String times = Double.isInfinite(factor) ? "up from none" : String.format(Locale.ROOT, "%.0f× its baseline of %.1f/min", factor, basePerMin);
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(Locale.ROOT, "%.1f errors/min over the last %d min against %.1f/min over the %d min before",
                curPerMin, config.rateWindow.toMinutes(), basePerMin, Math.round(baseMinutes)));
        top.stream().limit(3).forEach(f -> evidence.add(f.count() + "× " + f.category() + " [" + f.fingerprint() + "]: "
                + shorten(f.sample(), 160)));
        out.add(new Ranked(90, "errors", new Cause("error_rate_spike", s, "error spike",
                current + " errors in " + config.rateWindow.toMinutes() + " min, " + times, List.copyOf(evidence))));
    }

    private List<FingerprintCount> newPatterns(long now, List<ServiceStats> windows, FingerprintHistory fingerprints,
                                               List<Ranked> out) {
        if (fingerprints == null) {
            return List.of();
        }
        long learnedAt = fingerprints.observedSince() + config.newPatternLearning.toMillis();
        long from = now - config.crashWindow.toMillis();
        List<FingerprintCount> fresh = topFingerprints(windows, Integer.MAX_VALUE).stream().filter(f -> {
            FingerprintHistory.Seen seen = fingerprints.seen().get(f.fingerprint());
            return seen != null && seen.firstSeen() >= learnedAt && seen.firstSeen() > from - MINUTE
                    && f.count() >= config.newPatternMinCount;
        }).limit(5).toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<String> evidence = new ArrayList<>();
        for (FingerprintCount f : fresh) {
            FingerprintHistory.Seen seen = fingerprints.seen().get(f.fingerprint());
            evidence.add("new since " + HHMM.format(Instant.ofEpochMilli(seen.firstSeen())) + ": " + f.count() + "× "
                    + f.category() + " [" + f.fingerprint() + "]: " + shorten(f.sample(), 160));
        }
        FingerprintCount first = fresh.get(0);
        String name = first.sample() == null ? null : exceptionName(first.sample());
        out.add(new Ranked(100, "errors", new Cause("new_error_pattern", Status.WARNING, "new error pattern",
                fresh.size() + " new error " + (fresh.size() == 1 ? "pattern" : "patterns") + " (" + first.category()
                        + (name == null ? "" : ": " + name) + ", " + first.count() + "×)", List.copyOf(evidence))));
        return fresh;
    }

    private void httpChecks(List<HttpCheck> checks, List<Ranked> out) {
        if (checks == null || checks.isEmpty()) {
            return;
        }
        List<HttpCheck> failed = checks.stream().filter(c -> !c.ok()).toList();
        if (failed.isEmpty()) {
            return;
        }
        Status s = failed.size() == checks.size() ? Status.CRITICAL : Status.WARNING;
        HttpCheck f = failed.get(0);
        out.add(new Ranked(110, "traffic", new Cause("http_check_failed", s, "endpoint failing",
                failed.size() + "/" + checks.size() + " HTTP checks failing (" + f.url() + ": "
                        + (f.error() != null ? f.error() : "status " + f.status()) + ")",
                failed.stream().map(c -> c.url() + " → " + (c.status() == 0 ? "no answer" : "status " + c.status())
                        + (c.error() == null ? "" : " (" + c.error() + ")") + " after " + c.attempts() + " attempts, "
                        + c.latencyMs() + " ms").toList())));
    }

    private void tls(List<TlsCheck> checks, List<Ranked> out) {
        if (checks == null) {
            return;
        }
        for (TlsCheck t : checks) {
            String where = t.host() + (t.port() == 443 ? "" : ":" + t.port());
            if (t.error() != null && t.notAfter() == 0) {
                out.add(new Ranked(120, "tls", new Cause("tls_invalid", Status.WARNING, "TLS check failing",
                        "TLS check of " + where + " failed: " + shorten(t.error(), 100), List.of(t.error()))));
                continue;
            }
            List<String> evidence = List.of("certificate of " + where + ": subject " + t.subject() + ", issuer " + t.issuer()
                    + ", expires " + DATE.format(Instant.ofEpochMilli(t.notAfter())) + " (" + t.daysLeft() + " days left)"
                    + ", host matches: " + t.hostMatches() + ", chain valid: " + t.chainValid());
            if (t.daysLeft() < 0 || !t.hostMatches() || !t.chainValid()) {
                String what = t.daysLeft() < 0 ? "expired on " + DATE.format(Instant.ofEpochMilli(t.notAfter()))
                        : !t.hostMatches() ? "does not match the host" : "does not validate against the trust store";
                out.add(new Ranked(120, "tls", new Cause("tls_invalid", Status.CRITICAL, "invalid certificate",
                        "certificate of " + where + " " + what, evidence)));
            } else if (t.daysLeft() < config.tlsWarningDays) {
                Status s = t.daysLeft() < config.tlsCriticalDays ? Status.CRITICAL : Status.WARNING;
                out.add(new Ranked(125, "tls", new Cause("tls_expiring", s, "certificate expiring",
                        "certificate of " + where + " expires in " + t.daysLeft() + (t.daysLeft() == 1 ? " day" : " days")
                                + " (" + DATE.format(Instant.ofEpochMilli(t.notAfter())) + ")", evidence)));
            }
        }
    }

    private static void otherFindings(List<Finding> findings, List<Ranked> out) {
        if (findings == null) {
            return;
        }
        for (Finding f : findings) {
            if (f.code() == null || HANDLED_FINDINGS.contains(f.code())) {
                continue;
            }
            Status s = switch (f.severity() == null ? HealthReport.Severity.UNKNOWN : f.severity()) {
                case CRITICAL -> Status.CRITICAL;
                case WARNING -> Status.WARNING;
                default -> null;
            };
            if (s == null) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            if (f.evidence() != null) {
                new TreeMap<>(f.evidence()).forEach((k, v) -> evidence.add(k + ": " + v));
            }
            out.add(new Ranked(130, "probe", new Cause(f.code(), s, f.code().replace('_', ' '),
                    f.message() == null ? f.code() : f.message(), List.copyOf(evidence))));
        }
    }

    // ---- deployment correlation -------------------------------------------------------------------------

    private DeploymentCorrelation correlate(long now, List<Deployment> deployments, List<ServiceStats> windows,
                                            ServiceHistory history, List<RestartEvent> restarts, List<StoppedTask> stopped) {
        if (deployments == null || deployments.isEmpty()) {
            return null;
        }
        long trouble = Long.MAX_VALUE;
        for (RestartEvent r : restarts) {
            trouble = Math.min(trouble, r.timestamp());
        }
        for (StoppedTask t : stopped) {
            if (abnormal(t)) {
                trouble = Math.min(trouble, t.stoppedAt());
            }
        }
        double basePerMin = baselinePerMinute(now, history);
        for (ServiceStats w : windows) {
            if (badWindow(w, basePerMin)) {
                trouble = Math.min(trouble, w.windowStart());
                break;
            }
        }
        for (Deployment d : deployments) {
            if ("FAILED".equals(d.rolloutState()) && d.updatedAt() > 0) {
                trouble = Math.min(trouble, Math.max(d.createdAt(), d.updatedAt()));
            }
        }
        if (trouble == Long.MAX_VALUE) {
            return null;
        }
        Deployment best = null;
        for (Deployment d : deployments) {
            boolean done = "COMPLETED".equals(d.rolloutState()) || "FAILED".equals(d.rolloutState());
            long end = done && d.updatedAt() > 0 ? d.updatedAt() : now;
            if (d.createdAt() > 0 && d.createdAt() <= trouble && trouble <= end + config.deploymentGrace.toMillis()
                    && (best == null || d.createdAt() > best.createdAt())) {
                best = d;
            }
        }
        if (best == null) {
            return null;
        }
        String previous = null;
        long previousAt = Long.MIN_VALUE;
        for (Deployment d : deployments) {
            if (d != best && d.createdAt() < best.createdAt() && d.createdAt() > previousAt
                    && d.taskDefinition() != null && !d.taskDefinition().equals(best.taskDefinition())) {
                previous = d.taskDefinition();
                previousAt = d.createdAt();
            }
        }
        return new DeploymentCorrelation(best.id(), best.taskDefinition(), best.status(), best.rolloutState(),
                best.createdAt(), trouble, previous);
    }

    private double baselinePerMinute(long now, ServiceHistory history) {
        long rateFrom = now - config.rateWindow.toMillis();
        long from = rateFrom - config.baseline.toMillis();
        long sum = 0;
        long minutes = 0;
        for (ServiceStats w : history.windows()) {
            if (w.windowEnd() > from && w.windowEnd() <= rateFrom) {
                sum += w.errors();
                minutes++;
            }
        }
        return minutes == 0 ? 0 : (double) sum / Math.max(minutes, 1);
    }

    private boolean badWindow(ServiceStats w, double basePerMin) {
        if (w.categories() != null) {
            for (Map.Entry<Category, Long> e : w.categories().entrySet()) {
                if (config.crashCategories.contains(e.getKey()) && e.getValue() > 0) {
                    return true;
                }
            }
        }
        if (w.statusClasses() != null) {
            long requests = w.statusClasses().values().stream().mapToLong(Long::longValue).sum();
            long e5 = w.statusClasses().getOrDefault("5xx", 0L);
            long perMinMin = Math.max(1, config.http5xxMinRequests / config.rateWindow.toMinutes());
            if (requests >= perMinMin && (double) e5 / requests >= config.http5xxWarningRatio) {
                return true;
            }
        }
        double minPerMin = (double) config.errorRateMinErrors / config.rateWindow.toMinutes();
        return w.errors() >= minPerMin && w.errors() >= config.errorRateWarningFactor * basePerMin;
    }

    // ---- words ------------------------------------------------------------------------------------------

    private static String summary(String service, List<Ranked> causes, List<WindowCounts> counts, HealthReport health) {
        if (causes.isEmpty()) {
            WindowCounts c15 = counts.get(1);
            List<String> facts = new ArrayList<>();
            if (!HealthReport.ENDPOINTS_KEY.equals(service)) {
                facts.add(c15.errors() + " errors and " + c15.restarts() + " restarts in 15 min");
            }
            if (health != null && health.ecs() != null) {
                facts.add(health.ecs().running() + "/" + health.ecs().desired() + " tasks running");
            }
            if (health != null && health.http() != null && !health.http().isEmpty()) {
                facts.add(health.http().size() + "/" + health.http().size() + " HTTP checks passing");
            }
            if (health != null && health.tls() != null && !health.tls().isEmpty()) {
                long days = health.tls().stream().mapToLong(TlsCheck::daysLeft).min().orElse(0);
                facts.add("certificates valid for " + days + "+ days");
            }
            return service + ": healthy" + (facts.isEmpty() ? "" : " — " + String.join(", ", facts));
        }
        Ranked first = causes.get(0);
        StringBuilder sb = new StringBuilder(service).append(": ").append(first.cause().title()).append(" — ")
                .append(first.cause().detail());
        for (Ranked r : causes) {
            if (!r.family().equals(first.family())) {
                sb.append("; ").append(r.cause().detail());
                break;
            }
        }
        return sb.toString();
    }

    private static List<String> nextSteps(String service, String cluster, List<Ranked> causes,
                                          DeploymentCorrelation deployment, List<FingerprintCount> top) {
        Set<String> steps = new LinkedHashSet<>();
        String c = cluster == null ? "<cluster>" : cluster;
        if (deployment != null) {
            steps.add("Roll back deployment " + deployment.deploymentId() + " (" + deployment.taskDefinition() + ", started "
                    + HHMM.format(Instant.ofEpochMilli(deployment.startedAt())) + "): aws ecs update-service --cluster " + c
                    + " --service " + service + " --task-definition "
                    + (deployment.previousTaskDefinition() == null ? "<previous revision>" : deployment.previousTaskDefinition()));
        }
        for (Ranked r : causes) {
            Cause cause = r.cause();
            switch (cause.code()) {
                case "crash_loop", "restarts", "tasks_oom_killed", "crash_errors" -> {
                    boolean oom = cause.title().startsWith("OOM") || cause.code().equals("tasks_oom_killed")
                            || cause.title().startsWith("out-of-memory");
                    if (oom) {
                        steps.add("Raise the memory limit of the task definition (memory/memoryReservation) or the heap "
                                + "setting (-Xmx, NODE_OPTIONS=--max-old-space-size), then look for the leak in the "
                                + "allocation before the OutOfMemoryError (Logs Insights link)");
                    } else {
                        steps.add("Read the last errors before each restart (Logs Insights link) and fix or roll back the "
                                + "failing code path");
                    }
                }
                case "tasks_stopped" -> steps.add("Check the stopped tasks' reasons: aws ecs describe-tasks --cluster " + c
                        + " --tasks <task-id> (image pull: the tag exists and the execution role may pull it; "
                        + "resource initialization: secrets and SSM parameters the execution role reads)");
                case "rollout_failed", "rollout_failing" -> steps.add("Read the circuit breaker's reason in the service events: "
                        + "aws ecs describe-services --cluster " + c + " --services " + service
                        + " --query 'services[0].events[:5]'");
                case "running_below_desired" -> steps.add("Look for placement failures in the service events (cluster CPU/memory, "
                        + "subnets and ENIs) and at the stopped tasks' reasons");
                case "targets_unhealthy" -> {
                    if (cause.detail().contains("Target.Timeout")) {
                        steps.add("Check that the security group lets the load balancer reach the container port and that "
                                + "the health check path answers within the health check timeout");
                    } else if (cause.detail().contains("ResponseCodeMismatch")) {
                        steps.add("The health check path answers with an unexpected status: check the path and the matcher "
                                + "of the target group");
                    } else {
                        steps.add("Check the target group's health check settings and the targets' own logs");
                    }
                }
                case "http_5xx_share", "error_rate_spike" -> steps.add(topCategoryStep(top));
                case "new_error_pattern" -> steps.add("Read the new error pattern's sample (causes evidence) and find what "
                        + "changed when it first appeared");
                case "http_check_failed" -> steps.add("Reproduce the failing check with curl -sv <url> and check DNS, the load "
                        + "balancer listener and the service behind it");
                case "tls_expiring", "tls_invalid" -> steps.add("Renew the certificate (ACM: check that the DNS validation "
                        + "record still exists; elsewhere: issue a new one and redeploy it to the load balancer)");
                default -> steps.add("Follow up the health probe finding '" + cause.code() + "': " + cause.detail());
            }
        }
        return List.copyOf(steps);
    }

    private static String topCategoryStep(List<FingerprintCount> top) {
        Category c = top.isEmpty() ? null : top.get(0).category();
        if (c == Category.CONNECTION_ERROR) {
            return "Check the dependency that refuses connections (host and port in the top error's sample): is it up, "
                    + "and do its security group and DNS still let this service in?";
        }
        if (c == Category.TIMEOUT) {
            return "Find the slow dependency behind the timeouts (top error's sample) and check its latency and "
                    + "connection pool limits";
        }
        if (c == Category.AUTH_ERROR) {
            return "Check the credentials and IAM role the service uses for the dependency in the top error (rotated "
                    + "secret, expired token)";
        }
        return "Find the failing requests and their error in Logs Insights (link) and check what they call";
    }

    private List<Link> links(String service, String cluster, List<Ranked> causes) {
        List<Link> links = new ArrayList<>();
        if (HealthReport.ENDPOINTS_KEY.equals(service)) {
            return List.of();
        }
        String filter = "/(?i)(error|exception|fatal|panic|timeout|refused|traceback| 5\\d\\d )/";
        if (!causes.isEmpty()) {
            String code = causes.get(0).cause().code();
            String title = causes.get(0).cause().title();
            if (title.startsWith("OOM") || code.equals("tasks_oom_killed") || title.startsWith("out-of-memory")) {
                filter = "/(?i)(OutOfMemory|out of memory|OOM|killed|heap)/";
            }
        }
        String query = "fields @timestamp, @logStream, @message\n| filter @message like " + filter
                + "\n| sort @timestamp desc\n| limit 200";
        links.add(ConsoleLinks.logsInsights(config.region, config.logGroupPattern.logGroup(service), query, 3600));
        links.add(ConsoleLinks.ecsService(config.region, cluster, service));
        return List.copyOf(links);
    }

    private static long minutesBetween(long from, long to) {
        return Math.max(0, Math.round((to - from) / (double) MINUTE));
    }

    private static String join(Map<?, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v).append(' ').append(k);
        });
        return sb.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ').strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
