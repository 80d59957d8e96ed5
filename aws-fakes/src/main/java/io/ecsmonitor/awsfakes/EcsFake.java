package io.ecsmonitor.awsfakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of Amazon ECS (JSON 1.1, target prefix {@value #TARGET_PREFIX}) serving a scenario built in
 * code: clusters, services with counts, deployments (with {@code rolloutState}), service events and
 * stopped tasks with their containers' exits.
 *
 * <p>Answers {@code ListServices} (paginated, 10 per page by default, at most 100, like AWS),
 * {@code DescribeServices} (at most 10 services per call; unknown ones are {@code MISSING} failures),
 * {@code ListTasks} (by service and {@code desiredStatus}, paginated) and {@code DescribeTasks}.
 * {@link #maxPageSize(int)} makes the list operations answer in smaller pages than asked for (as AWS
 * may), so that a caller's pagination is exercised with a few services.
 * A cluster that does not exist is a {@code ClusterNotFoundException}. Throttling and AccessDenied are
 * injected through {@link FakeAws#failNext}/{@link FakeAws#failAlways} with {@link #throttling()} and
 * {@link #accessDenied(String)}, which answer exactly as ECS does.
 *
 * <pre>{@code
 * EcsFake ecs = new EcsFake();
 * ecs.cluster("prod").service("api").counts(2, 1, 1).loadBalancer(tg.arn(), "app", 8080)
 *    .deployment("ecs-svc/1", "PRIMARY", "api:8").counts(2, 1, 1).failedTasks(3).rollout("IN_PROGRESS", "…");
 * ecs.cluster("prod").stoppedTask("api", "3f0c…").stopCode("EssentialContainerExited")
 *    .container("app", 137, "OutOfMemoryError: Container killed due to memory usage");
 * aws.register(ecs);
 * }</pre>
 */
public final class EcsFake implements JsonService {

    /** The X-Amz-Target prefix of ECS. */
    public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";
    /** The account of every ARN the fake makes. */
    public static final String ACCOUNT = "123456789012";
    /** Services per DescribeServices call that ECS accepts. */
    public static final int DESCRIBE_SERVICES_MAX = 10;
    /** Tasks per DescribeTasks call that ECS accepts. */
    public static final int DESCRIBE_TASKS_MAX = 100;

    private final String region;
    private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();
    private volatile int maxPageSize = Integer.MAX_VALUE;

    /** A fake in us-east-1. */
    public EcsFake() {
        this("us-east-1");
    }

    /** A fake whose ARNs name {@code region}. */
    public EcsFake(String region) {
        this.region = region;
    }

    /** ECS's throttling error. */
    public static AwsFault throttling() {
        return AwsFault.throttling("ThrottlingException");
    }

    /** ECS's AccessDenied for {@code operation} (like {@code DescribeServices}), naming {@code ecs:<operation>}. */
    public static AwsFault accessDenied(String operation) {
        return AwsFault.accessDenied("AccessDeniedException", "ecs:" + operation);
    }

    /**
     * Caps every page of {@code ListServices} and {@code ListTasks} at {@code size} entries, whatever
     * {@code maxResults} asked for; the rest follows with a {@code nextToken}.
     */
    public EcsFake maxPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1: " + size);
        }
        this.maxPageSize = size;
        return this;
    }

    /** The cluster {@code name}, created on first use. */
    public Cluster cluster(String name) {
        return clusters.computeIfAbsent(name, Cluster::new);
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "ListServices" -> listServices(request);
            case "DescribeServices" -> describeServices(request);
            case "ListTasks" -> listTasks(request);
            case "DescribeTasks" -> describeTasks(request);
            default -> throw new AwsFault(400, "UnknownOperationException", "operation " + operation + " is not supported by the fake");
        };
    }

    private Cluster requireCluster(JsonNode request) {
        String ref = request.path("cluster").asText("default");
        String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
        Cluster c = clusters.get(name);
        if (c == null) {
            throw new AwsFault(400, "ClusterNotFoundException", "Cluster not found.");
        }
        return c;
    }

    private static int pageSize(JsonNode request, int defaultSize, int max) {
        if (!request.has("maxResults")) {
            return defaultSize;
        }
        int n = request.get("maxResults").asInt();
        if (n < 1 || n > max) {
            throw AwsFault.invalid("InvalidParameterException", "maxResults must be between 1 and " + max + ".");
        }
        return n;
    }

    private static int offset(JsonNode request) {
        if (!request.hasNonNull("nextToken")) {
            return 0;
        }
        String token = request.get("nextToken").asText();
        try {
            return Integer.parseInt(token.substring("page-".length()));
        } catch (RuntimeException e) {
            throw AwsFault.invalid("InvalidParameterException", "Invalid nextToken.");
        }
    }

    private ObjectNode page(List<String> all, int from, int size, String field) {
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode arns = out.putArray(field);
        int to = Math.min(all.size(), from + Math.min(size, maxPageSize));
        for (int i = from; i < to; i++) {
            arns.add(all.get(i));
        }
        if (to < all.size()) {
            out.put("nextToken", "page-" + to);
        }
        return out;
    }

    private JsonNode listServices(JsonNode request) {
        Cluster c = requireCluster(request);
        int size = pageSize(request, 10, 100);
        List<String> arns = c.services.values().stream().map(Service::arn).sorted().toList();
        return page(arns, offset(request), size, "serviceArns");
    }

    private JsonNode describeServices(JsonNode request) {
        Cluster c = requireCluster(request);
        JsonNode names = request.path("services");
        if (!names.isArray() || names.isEmpty()) {
            throw AwsFault.invalid("InvalidParameterException", "Services cannot be empty.");
        }
        if (names.size() > DESCRIBE_SERVICES_MAX) {
            throw AwsFault.invalid("InvalidParameterException",
                    "The services list must contain between 1 and " + DESCRIBE_SERVICES_MAX + " items.");
        }
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode services = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode n : names) {
            String ref = n.asText();
            String name = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
            Service s = c.services.get(name);
            if (s == null) {
                failures.addObject().put("arn", "arn:aws:ecs:" + region + ":" + ACCOUNT + ":service/" + c.name + "/" + name)
                        .put("reason", "MISSING");
            } else {
                services.add(s.toJson());
            }
        }
        return out;
    }

    private JsonNode listTasks(JsonNode request) {
        Cluster c = requireCluster(request);
        int size = pageSize(request, 100, 100);
        String service = request.path("serviceName").asText(null);
        if (service != null && service.startsWith("arn:")) {
            service = service.substring(service.lastIndexOf('/') + 1);
        }
        if (service != null && !c.services.containsKey(service)) {
            throw new AwsFault(400, "ServiceNotFoundException", "Service not found.");
        }
        String desired = request.path("desiredStatus").asText("RUNNING");
        List<String> arns = new ArrayList<>();
        for (Task t : c.tasks) {
            if ((service == null || service.equals(t.service)) && desired.equals(t.desiredStatus)) {
                arns.add(t.arn());
            }
        }
        return page(arns, offset(request), size, "taskArns");
    }

    private JsonNode describeTasks(JsonNode request) {
        Cluster c = requireCluster(request);
        JsonNode refs = request.path("tasks");
        if (!refs.isArray() || refs.isEmpty()) {
            throw AwsFault.invalid("InvalidParameterException", "Tasks cannot be empty.");
        }
        if (refs.size() > DESCRIBE_TASKS_MAX) {
            throw AwsFault.invalid("InvalidParameterException",
                    "The tasks list must contain between 1 and " + DESCRIBE_TASKS_MAX + " items.");
        }
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode r : refs) {
            String ref = r.asText();
            String id = ref.substring(ref.lastIndexOf('/') + 1);
            Task t = c.tasks.stream().filter(x -> x.id.equals(id)).findFirst().orElse(null);
            if (t == null) {
                failures.addObject().put("arn", ref).put("reason", "MISSING");
            } else {
                tasks.add(t.toJson());
            }
        }
        return out;
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    /** One cluster of the scenario. */
    public final class Cluster {
        private final String name;
        private final Map<String, Service> services = new ConcurrentHashMap<>();
        private final List<Task> tasks = new CopyOnWriteArrayList<>();

        private Cluster(String name) {
            this.name = name;
        }

        /** The cluster's ARN. */
        public String arn() {
            return "arn:aws:ecs:" + region + ":" + ACCOUNT + ":cluster/" + name;
        }

        /** The service {@code name}, created ACTIVE with no tasks on first use. */
        public Service service(String serviceName) {
            return services.computeIfAbsent(serviceName, n -> new Service(this, n));
        }

        /** Removes a service, so DescribeServices reports it MISSING. */
        public void removeService(String serviceName) {
            services.remove(serviceName);
        }

        /** Adds a task of {@code service} (created if needed) whose desired status is STOPPED. */
        public Task stoppedTask(String serviceName, String taskId) {
            service(serviceName);
            Task t = new Task(this, serviceName, taskId, "STOPPED");
            tasks.add(t);
            return t;
        }

        /** Adds a task of {@code service} (created if needed) whose desired status is RUNNING. */
        public Task runningTask(String serviceName, String taskId) {
            service(serviceName);
            Task t = new Task(this, serviceName, taskId, "RUNNING");
            tasks.add(t);
            return t;
        }
    }

    /** One service; setters return it so a scenario reads as one expression. */
    public final class Service {
        private final Cluster cluster;
        private final String name;
        private volatile String status = "ACTIVE";
        private volatile int desired;
        private volatile int running;
        private volatile int pending;
        private volatile String taskDefinition;
        private volatile Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");
        private final List<ObjectNode> loadBalancers = new CopyOnWriteArrayList<>();
        private final List<Deployment> deployments = new CopyOnWriteArrayList<>();
        private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
        private int eventSeq;

        private Service(Cluster cluster, String name) {
            this.cluster = cluster;
            this.name = name;
            this.taskDefinition = "arn:aws:ecs:" + region + ":" + ACCOUNT + ":task-definition/" + name + ":1";
        }

        /** The service's ARN (the long format, with the cluster). */
        public String arn() {
            return "arn:aws:ecs:" + region + ":" + ACCOUNT + ":service/" + cluster.name + "/" + name;
        }

        /** ACTIVE, DRAINING or INACTIVE. */
        public Service status(String value) {
            this.status = value;
            return this;
        }

        /** Desired, running and pending task counts. */
        public Service counts(int desiredCount, int runningCount, int pendingCount) {
            this.desired = desiredCount;
            this.running = runningCount;
            this.pending = pendingCount;
            return this;
        }

        /** The service's task definition (family:revision or ARN). */
        public Service taskDefinition(String value) {
            this.taskDefinition = taskDefinitionArn(value);
            return this;
        }

        /** Attaches a target group. */
        public Service loadBalancer(String targetGroupArn, String containerName, int containerPort) {
            loadBalancers.add(FakeAws.JSON.createObjectNode().put("targetGroupArn", targetGroupArn)
                    .put("containerName", containerName).put("containerPort", containerPort));
            return this;
        }

        /** Adds a deployment (PRIMARY or ACTIVE) and returns it for its own settings. */
        public Deployment deployment(String id, String deploymentStatus, String taskDef) {
            Deployment d = new Deployment(this, id, deploymentStatus, taskDefinitionArn(taskDef));
            if ("PRIMARY".equals(deploymentStatus)) {
                deployments.add(0, d);
            } else {
                deployments.add(d);
            }
            return d;
        }

        /** The deployment {@code id}. */
        public Deployment deployment(String id) {
            return deployments.stream().filter(d -> d.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no deployment " + id));
        }

        /**
         * Adds a service event; ECS lists events newest first, so the newest added is listed first.
         * Write the text in either wording: {@code service api has reached a steady state.} (old) or
         * {@code (service api) has reached a steady state.} (new).
         */
        public synchronized Service event(String message, Instant at) {
            events.add(0, FakeAws.JSON.createObjectNode().put("id", name + "-event-" + (++eventSeq))
                    .put("createdAt", seconds(at)).put("message", message));
            return this;
        }

        private ObjectNode toJson() {
            ObjectNode s = FakeAws.JSON.createObjectNode();
            s.put("serviceArn", arn()).put("serviceName", name).put("clusterArn", cluster.arn())
                    .put("status", status).put("desiredCount", desired).put("runningCount", running)
                    .put("pendingCount", pending).put("launchType", "FARGATE").put("taskDefinition", taskDefinition)
                    .put("createdAt", seconds(createdAt)).put("schedulingStrategy", "REPLICA");
            ArrayNode lbs = s.putArray("loadBalancers");
            loadBalancers.forEach(lbs::add);
            ArrayNode ds = s.putArray("deployments");
            for (Deployment d : deployments) {
                ds.add(d.toJson());
            }
            ArrayNode es = s.putArray("events");
            events.forEach(es::add);
            return s;
        }
    }

    private String taskDefinitionArn(String value) {
        return value.startsWith("arn:") ? value : "arn:aws:ecs:" + region + ":" + ACCOUNT + ":task-definition/" + value;
    }

    /** One deployment of a service. */
    public final class Deployment {
        private final Service service;
        private final String id;
        private volatile String status;
        private final String taskDefinition;
        private volatile int desired;
        private volatile int running;
        private volatile int pending;
        private volatile int failedTasks;
        private volatile String rolloutState;
        private volatile String rolloutStateReason;
        private volatile Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");
        private volatile Instant updatedAt = Instant.parse("2026-01-01T00:00:00Z");

        private Deployment(Service service, String id, String status, String taskDefinition) {
            this.service = service;
            this.id = id;
            this.status = status;
            this.taskDefinition = taskDefinition;
        }

        /** Desired, running and pending counts. */
        public Deployment counts(int desiredCount, int runningCount, int pendingCount) {
            this.desired = desiredCount;
            this.running = runningCount;
            this.pending = pendingCount;
            return this;
        }

        /** ECS's running total of tasks that failed to start in this deployment. */
        public Deployment failedTasks(int total) {
            this.failedTasks = total;
            return this;
        }

        /** PRIMARY, ACTIVE or INACTIVE. */
        public Deployment status(String value) {
            this.status = value;
            return this;
        }

        /** IN_PROGRESS, COMPLETED or FAILED, and why. */
        public Deployment rollout(String state, String reason) {
            this.rolloutState = state;
            this.rolloutStateReason = reason;
            return this;
        }

        /** When it was created and last updated. */
        public Deployment times(Instant created, Instant updated) {
            this.createdAt = created;
            this.updatedAt = updated;
            return this;
        }

        /** The service, to go on building it. */
        public Service service() {
            return service;
        }

        private ObjectNode toJson() {
            ObjectNode d = FakeAws.JSON.createObjectNode().put("id", id).put("status", status)
                    .put("taskDefinition", taskDefinition).put("desiredCount", desired).put("pendingCount", pending)
                    .put("runningCount", running).put("failedTasks", failedTasks)
                    .put("createdAt", seconds(createdAt)).put("updatedAt", seconds(updatedAt)).put("launchType", "FARGATE");
            if (rolloutState != null) {
                d.put("rolloutState", rolloutState);
            }
            if (rolloutStateReason != null) {
                d.put("rolloutStateReason", rolloutStateReason);
            }
            return d;
        }
    }

    /** One task. */
    public final class Task {
        private final Cluster cluster;
        private final String service;
        private final String id;
        private final String desiredStatus;
        private volatile String taskDefinition;
        private volatile String stopCode;
        private volatile String stoppedReason;
        private volatile Instant startedAt;
        private volatile Instant stoppedAt = Instant.now();
        private final List<ObjectNode> containers = new CopyOnWriteArrayList<>();

        private Task(Cluster cluster, String service, String id, String desiredStatus) {
            this.cluster = cluster;
            this.service = service;
            this.id = id;
            this.desiredStatus = desiredStatus;
            this.taskDefinition = taskDefinitionArn(service + ":1");
        }

        /** The task's ARN. */
        public String arn() {
            return "arn:aws:ecs:" + region + ":" + ACCOUNT + ":task/" + cluster.name + "/" + id;
        }

        /** Its task definition. */
        public Task taskDefinition(String value) {
            this.taskDefinition = taskDefinitionArn(value);
            return this;
        }

        /** ECS's stop code: EssentialContainerExited, TaskFailedToStart, ServiceSchedulerInitiated, … */
        public Task stopCode(String value) {
            this.stopCode = value;
            return this;
        }

        /** ECS's stopped reason. */
        public Task stoppedReason(String value) {
            this.stoppedReason = value;
            return this;
        }

        /** When it started (null: never) and stopped. */
        public Task times(Instant started, Instant stopped) {
            this.startedAt = started;
            this.stoppedAt = stopped;
            return this;
        }

        /** A container and how it ended; {@code exitCode} null when it has none. */
        public Task container(String name, Integer exitCode, String reason) {
            ObjectNode c = FakeAws.JSON.createObjectNode()
                    .put("containerArn", "arn:aws:ecs:" + region + ":" + ACCOUNT + ":container/" + cluster.name + "/" + id + "/" + name)
                    .put("taskArn", arn()).put("name", name).put("lastStatus", "STOPPED");
            if (exitCode != null) {
                c.put("exitCode", exitCode);
            }
            if (reason != null) {
                c.put("reason", reason);
            }
            containers.add(c);
            return this;
        }

        private ObjectNode toJson() {
            ObjectNode t = FakeAws.JSON.createObjectNode().put("taskArn", arn()).put("clusterArn", cluster.arn())
                    .put("taskDefinitionArn", taskDefinition).put("group", "service:" + service)
                    .put("desiredStatus", desiredStatus).put("lastStatus", desiredStatus).put("launchType", "FARGATE");
            if (stopCode != null) {
                t.put("stopCode", stopCode);
            }
            if (stoppedReason != null) {
                t.put("stoppedReason", stoppedReason);
            }
            if (startedAt != null) {
                t.put("startedAt", seconds(startedAt));
            }
            if ("STOPPED".equals(desiredStatus) && stoppedAt != null) {
                t.put("stoppedAt", seconds(stoppedAt));
            }
            ArrayNode cs = t.putArray("containers");
            containers.forEach(cs::add);
            return t;
        }
    }
}
