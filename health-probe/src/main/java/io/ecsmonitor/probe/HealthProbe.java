package io.ecsmonitor.probe;

import io.ecsmonitor.core.aws.AwsClients;
import io.ecsmonitor.core.aws.AwsClients.AwsSettings;
import io.ecsmonitor.core.model.HealthReport;
import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.HealthStatus;
import io.ecsmonitor.core.model.HealthReport.HttpCheck;
import io.ecsmonitor.core.model.HealthReport.TargetGroupHealth;
import io.ecsmonitor.core.model.HealthReport.TlsCheck;
import io.ecsmonitor.probe.alb.TargetHealthChecker;
import io.ecsmonitor.probe.ecs.EcsChecker;
import io.ecsmonitor.probe.ecs.EcsChecker.Discovery;
import io.ecsmonitor.probe.ecs.EcsChecker.ServiceResult;
import io.ecsmonitor.probe.http.HttpChecker;
import io.ecsmonitor.probe.tls.TlsChecker;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * One probe of a cluster: ECS state, stopped tasks and ALB target health per service, then the HTTP
 * and TLS checks of the domain and endpoints; one {@link HealthReport} per service plus one under
 * {@link HealthReport#ENDPOINTS_KEY}. AWS errors make the affected part UNKNOWN; a probe never throws
 * because of what it probes.
 *
 * <pre>{@code
 * try (HealthProbe probe = HealthProbe.create(new ProbeConfig(props))) {
 *     List<HealthReport> reports = probe.probe(Map.of());
 * }
 * }</pre>
 */
public final class HealthProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbe.class);

    private final ProbeConfig config;
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final EcsChecker ecsChecker;
    private final TargetHealthChecker targetChecker;
    private final HttpChecker http;
    private final TlsChecker tls;
    private final Clock clock;
    private final ExecutorService endpointPool;

    /** A probe with the given clients and checkers; closing it closes the clients. */
    public HealthProbe(ProbeConfig config, EcsClient ecs, ElasticLoadBalancingV2Client elb, HttpChecker http, TlsChecker tls, Clock clock) {
        this.config = config;
        this.ecs = ecs;
        this.elb = elb;
        this.ecsChecker = new EcsChecker(ecs, config.cluster(), config.stoppedTasksMax(), config.recentWindow(), clock);
        this.targetChecker = new TargetHealthChecker(elb);
        this.http = http;
        this.tls = tls;
        this.clock = clock;
        this.endpointPool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "health-probe-endpoints");
            t.setDaemon(true);
            return t;
        });
    }

    /** A probe with AWS clients built by {@link AwsClients} and the JVM's trust store. */
    public static HealthProbe create(ProbeConfig config) {
        AwsSettings aws = AwsSettings.fromRegion(config.region()).withMaxAttempts(config.awsMaxAttempts());
        if (config.awsEndpoint().isPresent()) {
            aws = aws.withEndpoint(config.awsEndpoint().get());
        }
        Clock clock = Clock.systemUTC();
        return new HealthProbe(config, AwsClients.sync(EcsClient.builder(), aws),
                AwsClients.sync(ElasticLoadBalancingV2Client.builder(), aws),
                new HttpChecker(config.httpAttempts(), config.httpPause(), config.httpTimeout()),
                new TlsChecker(config.httpTimeout(), clock), clock);
    }

    public ProbeConfig config() {
        return config;
    }

    /**
     * Probes everything once.
     *
     * @param previous the reports of the previous probe by key (for the failed-task deltas); empty on the first
     * @return one report per service, in the configured or listed order, then the endpoints report when
     *         a domain or endpoint is configured; a {@link HealthReport#CLUSTER_KEY} report when the
     *         services could not be listed
     */
    public List<HealthReport> probe(Map<String, HealthReport> previous) {
        long started = clock.millis();
        Future<HealthReport> endpoints = config.httpTargets().isEmpty() ? null : endpointPool.submit(() -> endpoints(started));
        List<HealthReport> reports = new ArrayList<>();
        Discovery discovery = ecsChecker.discover(config.services());
        if (discovery.error() != null) {
            List<Finding> f = List.of(discovery.error());
            reports.add(new HealthReport(HealthReport.CLUSTER_KEY, config.cluster(), started, HealthStatus.UNKNOWN,
                    discovery.error().message(), null, null, null, null, null, f));
        }
        for (ServiceResult r : ecsChecker.check(discovery.services(), previous).values()) {
            reports.add(serviceReport(r, started));
        }
        if (endpoints != null) {
            try {
                reports.add(endpoints.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                endpoints.cancel(true);
            } catch (ExecutionException e) {
                LOG.error("endpoint checks failed", e.getCause());
            }
        }
        LOG.debug("probe done cluster={} reports={} tookMs={}", config.cluster(), reports.size(), clock.millis() - started);
        return reports;
    }

    private HealthReport serviceReport(ServiceResult r, long probedAt) {
        List<Finding> findings = new ArrayList<>(r.findings());
        List<TargetGroupHealth> groups = null;
        if (r.ecs() != null) {
            TargetHealthChecker.Result t = targetChecker.check(r.service(), r.targetGroupArns(), r.ecs().desired());
            groups = t.groups();
            findings.addAll(t.findings());
        }
        List<Finding> ordered = Findings.ordered(findings);
        HealthStatus status = Findings.rollup(ordered);
        return new HealthReport(r.service(), config.cluster(), probedAt, status, summary(r, groups, status, ordered),
                r.ecs(), r.ecs() == null ? null : r.stoppedTasks(), groups, null, null, ordered);
    }

    private static String summary(ServiceResult r, List<TargetGroupHealth> groups, HealthStatus status, List<Finding> findings) {
        if (status == HealthStatus.HEALTHY || findings.isEmpty()) {
            StringBuilder sb = new StringBuilder(r.service()).append(": ");
            if (r.ecs() != null) {
                sb.append(r.ecs().running()).append('/').append(r.ecs().desired()).append(" tasks running");
            }
            if (groups != null && !groups.isEmpty()) {
                int healthy = 0;
                int total = 0;
                for (TargetGroupHealth g : groups) {
                    healthy += g.states().getOrDefault("healthy", 0);
                    total += g.states().values().stream().mapToInt(Integer::intValue).sum();
                }
                sb.append(", ").append(healthy).append('/').append(total).append(" targets healthy");
            }
            findings.stream().filter(f -> f.severity() == HealthReport.Severity.INFO).findFirst()
                    .ifPresent(f -> sb.append("; ").append(f.message()));
            return sb.toString();
        }
        String first = findings.get(0).message();
        long more = findings.stream().filter(f -> f.severity() != HealthReport.Severity.INFO).count() - 1;
        return more > 0 ? first + " (and " + more + " more)" : first;
    }

    private HealthReport endpoints(long probedAt) throws InterruptedException, ExecutionException {
        List<URI> targets = config.httpTargets();
        Map<String, Integer> tlsTargets = new LinkedHashMap<>();
        for (URI u : targets) {
            if ("https".equals(u.getScheme())) {
                tlsTargets.putIfAbsent(u.getHost(), u.getPort() < 0 ? 443 : u.getPort());
            }
        }
        List<Future<HttpCheck>> httpFutures = new ArrayList<>();
        for (URI u : targets) {
            httpFutures.add(endpointPool.submit(() -> http.check(u)));
        }
        List<TlsCheck> tlsChecks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        tlsTargets.forEach((host, port) -> {
            TlsChecker.Result res = tls.check(host, port);
            tlsChecks.add(res.check());
            findings.addAll(TlsChecker.findings(res, config.tlsWarningDays(), config.tlsCriticalDays()));
        });
        List<HttpCheck> httpChecks = new ArrayList<>();
        for (Future<HttpCheck> f : httpFutures) {
            HttpCheck c = f.get();
            httpChecks.add(c);
            findings.addAll(HttpChecker.findings(c));
        }
        List<Finding> ordered = Findings.ordered(findings);
        HealthStatus status = Findings.rollup(ordered);
        String summary;
        if (ordered.isEmpty()) {
            long minDays = tlsChecks.stream().mapToLong(TlsCheck::daysLeft).min().orElse(-1);
            summary = httpChecks.size() + " endpoint(s) answered" + (minDays >= 0 ? ", certificates valid for " + minDays + " more days" : "");
        } else {
            summary = ordered.get(0).message() + (ordered.size() > 1 ? " (and " + (ordered.size() - 1) + " more)" : "");
        }
        return new HealthReport(HealthReport.ENDPOINTS_KEY, config.cluster(), probedAt, status, summary, null, null, null,
                List.copyOf(httpChecks), List.copyOf(tlsChecks), ordered);
    }

    @Override
    public void close() {
        endpointPool.shutdownNow();
        http.close();
        ecs.close();
        elb.close();
    }
}
