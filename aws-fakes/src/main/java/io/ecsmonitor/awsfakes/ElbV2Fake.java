package io.ecsmonitor.awsfakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Elastic Load Balancing v2 (query protocol, signing name {@value #SIGNING_NAME}, XML
 * namespace {@value #NAMESPACE}) serving target groups built in code, each with its targets' states,
 * reason codes and descriptions.
 *
 * <p>Answers {@code DescribeTargetGroups} (by ARNs, names or load balancer, paginated with
 * {@code Marker}) and {@code DescribeTargetHealth}. An unknown target group is a
 * {@code TargetGroupNotFound} error. Throttling and AccessDenied are injected through
 * {@link FakeAws#failNext}/{@link FakeAws#failAlways} with {@link #throttling()} and
 * {@link #accessDenied(String)}, which answer as ELB does ({@code Throttling}, {@code AccessDenied}).
 *
 * <pre>{@code
 * ElbV2Fake elb = new ElbV2Fake();
 * ElbV2Fake.TargetGroup tg = elb.targetGroup("api-tg", 8080)
 *     .target("10.0.1.5", 8080, "healthy")
 *     .target("10.0.1.6", 8080, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]");
 * aws.register(elb);
 * }</pre>
 */
public final class ElbV2Fake implements QueryService {

    /** The SigV4 signing name of ELBv2. */
    public static final String SIGNING_NAME = "elasticloadbalancing";
    /** The XML namespace of ELBv2's answers. */
    public static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    /** The account of every ARN the fake makes. */
    public static final String ACCOUNT = "123456789012";

    private final String region;
    private final Map<String, TargetGroup> groups = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int pageSize = 400;

    /** A fake in us-east-1. */
    public ElbV2Fake() {
        this("us-east-1");
    }

    /** A fake whose ARNs name {@code region}. */
    public ElbV2Fake(String region) {
        this.region = region;
    }

    /** ELB's throttling error. */
    public static AwsFault throttling() {
        return AwsFault.throttling("Throttling");
    }

    /** ELB's AccessDenied (HTTP 403) for {@code action}, naming {@code elasticloadbalancing:<action>}. */
    public static AwsFault accessDenied(String action) {
        AwsFault denied = AwsFault.accessDenied("AccessDenied", SIGNING_NAME + ":" + action);
        return new AwsFault(403, denied.code(), denied.getMessage());
    }

    /** Target groups per DescribeTargetGroups page when the caller gives no PageSize (ELB's default is 400). */
    public ElbV2Fake defaultPageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Adds a target group with HTTP health checks on {@code port}. */
    public TargetGroup targetGroup(String name, int port) {
        String arn = "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":targetgroup/" + name + "/"
                + String.format("%016x", 0x5eed0000L + ids.incrementAndGet());
        TargetGroup tg = new TargetGroup(arn, name, port);
        groups.put(arn, tg);
        return tg;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public String xmlNamespace() {
        return NAMESPACE;
    }

    @Override
    public String handle(String action, Map<String, String> params) {
        return switch (action) {
            case "DescribeTargetGroups" -> describeTargetGroups(params);
            case "DescribeTargetHealth" -> describeTargetHealth(params);
            default -> throw new AwsFault(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    private static AwsFault notFound() {
        return new AwsFault(400, "TargetGroupNotFound", "One or more target groups not found");
    }

    private String describeTargetGroups(Map<String, String> params) {
        List<String> arns = FakeAws.memberList(params, "TargetGroupArns");
        List<String> names = FakeAws.memberList(params, "Names");
        String lb = params.get("LoadBalancerArn");
        List<TargetGroup> selected = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                TargetGroup tg = groups.get(arn);
                if (tg == null) {
                    throw notFound();
                }
                selected.add(tg);
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                selected.add(groups.values().stream().filter(g -> g.name.equals(name)).findFirst().orElseThrow(ElbV2Fake::notFound));
            }
        } else {
            groups.values().stream().filter(g -> lb == null || g.loadBalancers.contains(lb))
                    .sorted((a, b) -> a.arn.compareTo(b.arn)).forEach(selected::add);
        }
        int size = params.containsKey("PageSize") ? Integer.parseInt(params.get("PageSize")) : pageSize;
        if (size < 1 || size > 400) {
            throw AwsFault.invalid("ValidationError", "1 validation error detected: Value '" + size
                    + "' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 400");
        }
        int from = params.containsKey("Marker") ? Integer.parseInt(params.get("Marker")) : 0;
        int to = Math.min(selected.size(), from + size);
        Xml xml = new Xml().open("TargetGroups");
        for (TargetGroup tg : selected.subList(Math.min(from, selected.size()), to)) {
            xml.open("member").element("TargetGroupArn", tg.arn).element("TargetGroupName", tg.name)
                    .element("Protocol", "HTTP").element("Port", tg.port).element("VpcId", "vpc-0abc1234")
                    .element("HealthCheckProtocol", "HTTP").element("HealthCheckPort", "traffic-port")
                    .element("HealthCheckEnabled", true).element("HealthCheckIntervalSeconds", 30)
                    .element("HealthCheckTimeoutSeconds", 5).element("HealthyThresholdCount", 5)
                    .element("UnhealthyThresholdCount", 2).element("HealthCheckPath", tg.healthCheckPath)
                    .open("Matcher").element("HttpCode", tg.matcher).close("Matcher")
                    .open("LoadBalancerArns");
            for (String l : tg.loadBalancers) {
                xml.element("member", l);
            }
            xml.close("LoadBalancerArns").element("TargetType", "ip").close("member");
        }
        xml.close("TargetGroups");
        if (to < selected.size()) {
            xml.element("NextMarker", to);
        }
        return xml.toString();
    }

    private String describeTargetHealth(Map<String, String> params) {
        String arn = params.get("TargetGroupArn");
        if (arn == null || arn.isEmpty()) {
            throw AwsFault.invalid("ValidationError", "1 validation error detected: Value null at 'targetGroupArn' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        TargetGroup tg = groups.get(arn);
        if (tg == null) {
            throw new AwsFault(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
        }
        Xml xml = new Xml().open("TargetHealthDescriptions");
        for (Target t : tg.targets) {
            xml.open("member").open("Target").element("Id", t.id).element("Port", t.port)
                    .element("AvailabilityZone", "us-east-1a").close("Target")
                    .element("HealthCheckPort", String.valueOf(t.port))
                    .open("TargetHealth").element("State", t.state).element("Reason", t.reason)
                    .element("Description", t.description).close("TargetHealth").close("member");
        }
        return xml.close("TargetHealthDescriptions").toString();
    }

    private record Target(String id, int port, String state, String reason, String description) {
    }

    /** One target group; its setters return it. */
    public static final class TargetGroup {
        private final String arn;
        private final String name;
        private final int port;
        private volatile String healthCheckPath = "/health";
        private volatile String matcher = "200";
        private final List<String> loadBalancers = new CopyOnWriteArrayList<>();
        private final List<Target> targets = new CopyOnWriteArrayList<>();

        private TargetGroup(String arn, String name, int port) {
            this.arn = arn;
            this.name = name;
            this.port = port;
        }

        /** The target group's ARN, to attach it to an ECS service. */
        public String arn() {
            return arn;
        }

        /** Its name. */
        public String name() {
            return name;
        }

        /** The health check path and the codes that count as healthy. */
        public TargetGroup healthCheck(String path, String successCodes) {
            this.healthCheckPath = path;
            this.matcher = successCodes;
            return this;
        }

        /** A load balancer that routes to it. */
        public TargetGroup loadBalancer(String loadBalancerArn) {
            loadBalancers.add(loadBalancerArn);
            return this;
        }

        /** A target in {@code state} (healthy, initial, draining, unused, unavailable) with no reason. */
        public TargetGroup target(String id, int targetPort, String state) {
            return target(id, targetPort, state, null, null);
        }

        /** A target in {@code state} with ELB's reason code and description. */
        public TargetGroup target(String id, int targetPort, String state, String reasonCode, String description) {
            targets.add(new Target(id, targetPort, state, reasonCode, description));
            return this;
        }

        /** Deregisters every target. */
        public TargetGroup clearTargets() {
            targets.clear();
            return this;
        }
    }
}
