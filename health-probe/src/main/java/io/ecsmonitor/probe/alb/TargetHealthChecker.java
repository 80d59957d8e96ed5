package io.ecsmonitor.probe.alb;

import io.ecsmonitor.core.model.HealthReport.Finding;
import io.ecsmonitor.core.model.HealthReport.Severity;
import io.ecsmonitor.core.model.HealthReport.TargetGroupHealth;
import io.ecsmonitor.core.model.HealthReport.TargetState;
import io.ecsmonitor.probe.Findings;
import io.ecsmonitor.probe.aws.AwsErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * ALB target health of a service's target groups: DescribeTargetGroups for their names, then
 * DescribeTargetHealth for each; counts per state and every target that is not healthy with ELB's
 * reason code and description. AWS errors become findings.
 */
public final class TargetHealthChecker {

    private static final Logger LOG = LoggerFactory.getLogger(TargetHealthChecker.class);
    /** Target groups per DescribeTargetGroups call (ELB accepts 20 ARNs). */
    public static final int DESCRIBE_BATCH = 20;

    /**
     * The target health of one service.
     *
     * @param groups   one entry per target group that could be read
     * @param findings what is wrong or could not be checked
     */
    public record Result(List<TargetGroupHealth> groups, List<Finding> findings) {
    }

    private final ElasticLoadBalancingV2Client elb;

    public TargetHealthChecker(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** Checks {@code targetGroupArns} of {@code service}, which wants {@code desiredTasks} tasks. */
    public Result check(String service, List<String> targetGroupArns, int desiredTasks) {
        List<TargetGroupHealth> groups = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (targetGroupArns.isEmpty()) {
            return new Result(groups, findings);
        }
        Map<String, String> names = new HashMap<>();
        try {
            for (int from = 0; from < targetGroupArns.size(); from += DESCRIBE_BATCH) {
                List<String> batch = targetGroupArns.subList(from, Math.min(targetGroupArns.size(), from + DESCRIBE_BATCH));
                for (TargetGroup g : elb.describeTargetGroups(b -> b.targetGroupArns(batch)).targetGroups()) {
                    names.put(g.targetGroupArn(), g.targetGroupName());
                }
            }
        } catch (SdkException e) {
            // the names are a nicety: health can still be read
            LOG.debug("DescribeTargetGroups failed service={} error={}", service, e.getMessage());
            findings.add(AwsErrors.finding("elasticloadbalancing:DescribeTargetGroups", "Target group names", e));
        }
        for (String arn : targetGroupArns) {
            List<TargetHealthDescription> health;
            try {
                health = elb.describeTargetHealth(b -> b.targetGroupArn(arn)).targetHealthDescriptions();
            } catch (SdkException e) {
                LOG.debug("DescribeTargetHealth failed service={} targetGroup={} error={}", service, arn, e.getMessage());
                findings.add(AwsErrors.finding("elasticloadbalancing:DescribeTargetHealth", "ALB target health", e));
                continue;
            }
            String name = names.getOrDefault(arn, nameFromArn(arn));
            TargetGroupHealth g = summarise(arn, name, health);
            groups.add(g);
            findings.addAll(findings(service, g, desiredTasks));
        }
        return new Result(List.copyOf(groups), findings);
    }

    static TargetGroupHealth summarise(String arn, String name, List<TargetHealthDescription> health) {
        Map<String, Integer> states = new TreeMap<>();
        List<TargetState> unhealthy = new ArrayList<>();
        for (TargetHealthDescription d : health) {
            String state = d.targetHealth() == null ? "unknown" : d.targetHealth().stateAsString();
            states.merge(state, 1, Integer::sum);
            if (!"healthy".equals(state)) {
                unhealthy.add(new TargetState(d.target().id(), d.target().port() == null ? 0 : d.target().port(), state,
                        d.targetHealth() == null ? null : d.targetHealth().reasonAsString(),
                        d.targetHealth() == null ? null : d.targetHealth().description()));
            }
        }
        return new TargetGroupHealth(arn, name, states, List.copyOf(unhealthy));
    }

    static List<Finding> findings(String service, TargetGroupHealth g, int desiredTasks) {
        int total = g.states().values().stream().mapToInt(Integer::intValue).sum();
        int healthy = g.states().getOrDefault("healthy", 0);
        int bad = g.states().getOrDefault("unhealthy", 0);
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        g.unhealthy().stream().filter(t -> "unhealthy".equals(t.state()))
                .forEach(t -> reasons.merge(t.reasonCode() == null ? "unknown" : t.reasonCode(), 1, Integer::sum));
        String reasonText = reasons.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        String firstDescription = g.unhealthy().stream().filter(t -> "unhealthy".equals(t.state()) && t.description() != null)
                .map(TargetState::description).findFirst().orElse(null);
        if (total == 0) {
            if (desiredTasks > 0) {
                out.add(Findings.of(Severity.CRITICAL, "no_targets", "Target group " + g.name() + " of " + service
                        + " has no registered targets", "targetGroup", g.name()));
            }
        } else if (healthy == 0 && bad > 0) {
            out.add(Findings.of(Severity.CRITICAL, "targets_unhealthy", "No healthy target in " + g.name() + ": " + bad + " of "
                    + total + " unhealthy (" + reasonText + ")" + (firstDescription == null ? "" : ": " + firstDescription),
                    "targetGroup", g.name(), "healthy", healthy, "unhealthy", bad, "total", total, "reasons", reasonText,
                    "description", firstDescription));
        } else if (bad > 0) {
            out.add(Findings.of(Severity.WARNING, "targets_unhealthy", bad + " of " + total + " targets unhealthy in " + g.name()
                    + " (" + reasonText + ")" + (firstDescription == null ? "" : ": " + firstDescription),
                    "targetGroup", g.name(), "healthy", healthy, "unhealthy", bad, "total", total, "reasons", reasonText,
                    "description", firstDescription));
        } else if (healthy == 0 && desiredTasks > 0 && g.states().getOrDefault("initial", 0) == 0) {
            out.add(Findings.of(Severity.CRITICAL, "no_healthy_targets", "No healthy target in " + g.name() + " of " + service
                    + " (" + g.states() + ")", "targetGroup", g.name()));
        }
        return out;
    }

    private static String nameFromArn(String arn) {
        String[] parts = arn.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : arn;
    }
}
