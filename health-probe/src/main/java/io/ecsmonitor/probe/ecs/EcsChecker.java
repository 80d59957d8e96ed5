package io.ecsmonitor.probe.ecs;

import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.ContainerExit;
import io.ecsmonitor.core.model.HealthReport.Deployment;
import io.ecsmonitor.core.model.HealthReport.EcsState;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.ServiceEvent;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.core.model.HealthReport.StoppedTask;
import io.ecsmonitor.probe.Findings;
import io.ecsmonitor.probe.aws.AwsErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS's own view of the services: counts, deployments, recent events and recently stopped tasks,
 * with the findings they raise. Every AWS error becomes a finding; nothing here throws.
 */
public final class EcsChecker {

    private static final Logger LOG = LoggerFactory.getLogger(EcsChecker.class);
    /** Services per DescribeServices call, ECS's limit. */
    public static final int DESCRIBE_BATCH = 10;
    /** Service events kept per report, newest first. */
    public static final int EVENTS_KEPT = 20;

    /**
     * What ECS says about one service.
     *
     * @param service         the service
     * @param ecs             its state, null when it could not be read
     * @param stoppedTasks    recently stopped tasks, newest first
     * @param targetGroupArns the target groups of its load balancers
     * @param findings        what is wrong, or what could not be checked
     */
    public record ServiceResult(String service, EcsState ecs, List<StoppedTask> stoppedTasks, List<String> targetGroupArns,
                                List<Finding> findings) {
    }

    /**
     * The services to probe.
     *
     * @param services the services, empty when they could not be listed
     * @param error    the finding when ListServices failed, or null
     */
    public record Discovery(List<String> services, Finding error) {
    }

    private final EcsClient ecs;
    private final String cluster;
    private final int stoppedTasksMax;
    private final Duration recentWindow;
    private final Clock clock;

    public EcsChecker(EcsClient ecs, String cluster, int stoppedTasksMax, Duration recentWindow, Clock clock) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.stoppedTasksMax = stoppedTasksMax;
        this.recentWindow = recentWindow;
        this.clock = clock;
    }

    /** {@code configured} when not empty; otherwise every service of the cluster (ListServices, every page). */
    public Discovery discover(List<String> configured) {
        if (!configured.isEmpty()) {
            return new Discovery(configured, null);
        }
        try {
            List<String> names = new ArrayList<>();
            ecs.listServicesPaginator(b -> b.cluster(cluster)).serviceArns()
                    .forEach(arn -> names.add(arn.substring(arn.lastIndexOf('/') + 1)));
            names.sort(null);
            return new Discovery(List.copyOf(names), null);
        } catch (SdkException e) {
            LOG.debug("ListServices failed cluster={} error={}", cluster, e.getMessage());
            return new Discovery(List.of(), AwsErrors.finding("ecs:ListServices", "The cluster's services", e));
        }
    }

    /** Describes {@code services} in batches of {@value #DESCRIBE_BATCH}, with their stopped tasks. */
    public Map<String, ServiceResult> check(List<String> services, Map<String, HealthReport> previous) {
        Map<String, ServiceResult> out = new LinkedHashMap<>();
        for (int from = 0; from < services.size(); from += DESCRIBE_BATCH) {
            List<String> batch = services.subList(from, Math.min(services.size(), from + DESCRIBE_BATCH));
            DescribeServicesResponse r;
            try {
                r = ecs.describeServices(b -> b.cluster(cluster).services(batch));
            } catch (SdkException e) {
                LOG.debug("DescribeServices failed cluster={} services={} error={}", cluster, batch, e.getMessage());
                Finding f = AwsErrors.finding("ecs:DescribeServices", "ECS service state", e);
                batch.forEach(s -> out.put(s, new ServiceResult(s, null, List.of(), List.of(), List.of(f))));
                continue;
            }
            for (Service s : r.services()) {
                out.put(s.serviceName(), service(s, previous.get(s.serviceName())));
            }
            for (Failure f : r.failures()) {
                String name = f.arn() == null ? "?" : f.arn().substring(f.arn().lastIndexOf('/') + 1);
                out.put(name, new ServiceResult(name, null, List.of(), List.of(), List.of(Findings.of(Severity.CRITICAL,
                        "service_not_found", "Service " + name + " was not found in cluster " + cluster + " (" + f.reason() + ")",
                        "reason", f.reason(), "detail", f.detail()))));
            }
        }
        // keep the order asked for
        Map<String, ServiceResult> ordered = new LinkedHashMap<>();
        services.forEach(s -> {
            if (out.containsKey(s)) {
                ordered.put(s, out.get(s));
            }
        });
        out.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private ServiceResult service(Service s, HealthReport previous) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> previousFailed = new HashMap<>();
        if (previous != null && previous.ecs() != null && previous.ecs().deployments() != null) {
            previous.ecs().deployments().forEach(d -> previousFailed.put(d.id(), d.failedTasks()));
        }
        boolean hasBaseline = previous != null && previous.ecs() != null;

        List<Deployment> deployments = new ArrayList<>();
        for (software.amazon.awssdk.services.ecs.model.Deployment d : s.deployments()) {
            int failed = d.failedTasks() == null ? 0 : d.failedTasks();
            // Deltas need a baseline: a deployment seen before gives the difference; a new one, seen after an
            // earlier probe, failed all its tasks since; on the very first probe there is no baseline.
            int delta = previousFailed.containsKey(d.id()) ? Math.max(0, failed - previousFailed.get(d.id()))
                    : hasBaseline ? failed : 0;
            deployments.add(new Deployment(d.id(), d.status(), shortTaskDefinition(d.taskDefinition()), nz(d.desiredCount()),
                    nz(d.runningCount()), nz(d.pendingCount()), failed, delta, d.rolloutStateAsString(), d.rolloutStateReason(),
                    millis(d.createdAt()), millis(d.updatedAt())));
        }
        deployments.sort(Comparator.comparing((Deployment d) -> !"PRIMARY".equals(d.status())));

        List<ServiceEvent> events = new ArrayList<>();
        for (var e : s.events()) {
            if (events.size() >= EVENTS_KEPT) {
                break;
            }
            events.add(ServiceEvents.parse(e.id(), millis(e.createdAt()), e.message()));
        }
        events.sort(Comparator.comparingLong(ServiceEvent::createdAt).reversed());

        EcsState state = new EcsState(s.status(), nz(s.desiredCount()), nz(s.runningCount()), nz(s.pendingCount()),
                List.copyOf(deployments), List.copyOf(events));
        findings.addAll(stateFindings(s.serviceName(), state));
        findings.addAll(eventFindings(s.serviceName(), events));

        List<StoppedTask> stopped = List.of();
        if (stoppedTasksMax > 0) {
            try {
                stopped = stoppedTasks(s.serviceName());
                findings.addAll(stoppedTaskFindings(s.serviceName(), stopped));
            } catch (StoppedTasksFailure f) {
                findings.add(f.finding);
            }
        }
        List<String> targetGroups = new ArrayList<>(new LinkedHashSet<>(s.loadBalancers().stream()
                .map(LoadBalancer::targetGroupArn).filter(a -> a != null && !a.isEmpty()).toList()));
        return new ServiceResult(s.serviceName(), state, stopped, List.copyOf(targetGroups), findings);
    }

    private static final class StoppedTasksFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Finding finding;

        StoppedTasksFailure(Finding finding) {
            super(finding.message(), null, false, false);
            this.finding = finding;
        }
    }

    private List<StoppedTask> stoppedTasks(String service) throws StoppedTasksFailure {
        List<String> arns;
        try {
            arns = ecs.listTasks(b -> b.cluster(cluster).serviceName(service).desiredStatus(DesiredStatus.STOPPED)
                    .maxResults(Math.min(100, stoppedTasksMax))).taskArns();
        } catch (SdkException e) {
            LOG.debug("ListTasks failed cluster={} service={} error={}", cluster, service, e.getMessage());
            throw new StoppedTasksFailure(AwsErrors.finding("ecs:ListTasks", "Stopped tasks", e));
        }
        if (arns.isEmpty()) {
            return List.of();
        }
        List<Task> tasks;
        try {
            tasks = ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks();
        } catch (SdkException e) {
            LOG.debug("DescribeTasks failed cluster={} service={} error={}", cluster, service, e.getMessage());
            throw new StoppedTasksFailure(AwsErrors.finding("ecs:DescribeTasks", "Stopped tasks", e));
        }
        List<StoppedTask> out = new ArrayList<>();
        for (Task t : tasks) {
            List<ContainerExit> containers = t.containers().stream()
                    .map(c -> new ContainerExit(c.name(), c.exitCode(), c.reason())).toList();
            String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
            out.add(new StoppedTask(id, shortTaskDefinition(t.taskDefinitionArn()), t.stopCodeAsString(), t.stoppedReason(),
                    StoppedTaskCauses.cause(t.stopCodeAsString(), t.stoppedReason(), containers), millis(t.startedAt()),
                    millis(t.stoppedAt()), containers));
        }
        out.sort(Comparator.comparingLong(StoppedTask::stoppedAt).reversed());
        return List.copyOf(out);
    }

    private static List<Finding> stateFindings(String service, EcsState s) {
        List<Finding> out = new ArrayList<>();
        if ("INACTIVE".equals(s.status())) {
            out.add(Findings.of(Severity.CRITICAL, "service_inactive", "Service " + service + " is INACTIVE (deleted)", "status", s.status()));
            return out;
        }
        if ("DRAINING".equals(s.status())) {
            out.add(Findings.of(Severity.WARNING, "service_draining", "Service " + service + " is DRAINING (being deleted)", "status", s.status()));
        }
        if (s.desired() > 0 && s.running() == 0) {
            out.add(Findings.of(Severity.CRITICAL, "no_tasks_running", "Service " + service + " has no running task of "
                    + s.desired() + " desired", "desired", s.desired(), "running", s.running(), "pending", s.pending()));
        } else if (s.running() < s.desired()) {
            out.add(Findings.of(Severity.WARNING, "running_below_desired", "Service " + service + " runs " + s.running()
                    + " of " + s.desired() + " desired tasks", "desired", s.desired(), "running", s.running(), "pending", s.pending()));
        }
        for (Deployment d : s.deployments()) {
            if ("FAILED".equals(d.rolloutState())) {
                out.add(Findings.of("PRIMARY".equals(d.status()) ? Severity.CRITICAL : Severity.WARNING, "rollout_failed",
                        "Deployment " + d.id() + " (" + d.taskDefinition() + ") failed"
                                + (d.rolloutStateReason() == null ? "" : ": " + d.rolloutStateReason()),
                        "deployment", d.id(), "taskDefinition", d.taskDefinition(), "rolloutStateReason", d.rolloutStateReason(),
                        "failedTasks", d.failedTasks()));
            }
            if (d.failedTasksDelta() > 0) {
                out.add(Findings.of(Severity.WARNING, "tasks_failed_to_start", d.failedTasksDelta() + " task(s) of deployment "
                        + d.id() + " (" + d.taskDefinition() + ") failed to start since the previous probe",
                        "deployment", d.id(), "failedTasksDelta", d.failedTasksDelta(), "failedTasks", d.failedTasks()));
            }
            if ("IN_PROGRESS".equals(d.rolloutState()) && "PRIMARY".equals(d.status())) {
                out.add(Findings.of(Severity.INFO, "deployment_in_progress", "Deployment " + d.id() + " (" + d.taskDefinition()
                        + ") is rolling out: " + d.running() + " of " + d.desired() + " running", "deployment", d.id()));
            }
        }
        return out;
    }

    private List<Finding> eventFindings(String service, List<ServiceEvent> events) {
        long since = clock.millis() - recentWindow.toMillis();
        Map<String, List<ServiceEvent>> byKind = new LinkedHashMap<>();
        for (ServiceEvent e : events) {
            if (ServiceEvents.STEADY_STATE.equals(e.kind())) {
                break; // events are newest first: what came before the last steady state is resolved
            }
            if (e.createdAt() >= since) {
                byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Finding> out = new ArrayList<>();
        byKind.forEach((kind, list) -> {
            ServiceEvent latest = list.get(0);
            String detail = latest.detail();
            Finding f = switch (kind) {
                case ServiceEvents.DEPLOYMENT_FAILED -> Findings.of(Severity.CRITICAL, "deployment_failed",
                        "ECS reports a failed deployment of " + service + ": " + latest.message(), "events", list.size());
                case ServiceEvents.ROLLING_BACK -> Findings.of(Severity.WARNING, "rolling_back",
                        "ECS is rolling back " + service + ": " + latest.message(), "events", list.size());
                case ServiceEvents.UNABLE_TO_PLACE -> Findings.of(Severity.WARNING, "unable_to_place",
                        "ECS could not place tasks of " + service + (detail == null ? "" : ": " + detail), "events", list.size(),
                        "reason", detail);
                case ServiceEvents.FAILED_TO_LAUNCH -> Findings.of(Severity.WARNING, "failed_to_launch",
                        "ECS failed to launch tasks of " + service + (detail == null ? "" : ": " + detail), "events", list.size(),
                        "error", detail);
                case ServiceEvents.TARGET_UNHEALTHY -> Findings.of(Severity.WARNING, "target_unhealthy_events",
                        "Tasks of " + service + " were reported unhealthy in their target group" + (detail == null ? "" : ": " + detail),
                        "events", list.size(), "reason", detail);
                default -> null;
            };
            if (f != null) {
                out.add(f);
            }
        });
        return out;
    }

    private List<Finding> stoppedTaskFindings(String service, List<StoppedTask> stopped) {
        long since = clock.millis() - recentWindow.toMillis();
        Map<String, List<StoppedTask>> byCause = new LinkedHashMap<>();
        for (StoppedTask t : stopped) {
            if (t.cause() != null && t.stoppedAt() >= since) {
                byCause.computeIfAbsent(t.cause(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Finding> out = new ArrayList<>();
        byCause.forEach((cause, list) -> {
            StoppedTask latest = list.get(0);
            Integer exit = latest.containers().stream().map(ContainerExit::exitCode).filter(c -> c != null && c != 0)
                    .findFirst().orElse(null);
            String container = latest.containers().stream().filter(c -> c.exitCode() != null && c.exitCode() != 0 || c.reason() != null)
                    .map(ContainerExit::name).findFirst().orElse(null);
            out.add(Findings.of(Severity.WARNING, "task_" + cause, list.size() + " task(s) of " + service + " "
                    + StoppedTaskCauses.DESCRIPTIONS.getOrDefault(cause, cause) + "; latest " + latest.taskId()
                    + (latest.stoppedReason() == null ? "" : ": " + latest.stoppedReason()),
                    "tasks", list.size(), "latestTask", latest.taskId(), "stopCode", latest.stopCode(), "container", container,
                    "exitCode", exit, "stoppedReason", latest.stoppedReason()));
        });
        return out;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    /** {@code family:revision} of a task definition ARN. */
    static String shortTaskDefinition(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? arn : arn.substring(slash + 1);
    }
}
