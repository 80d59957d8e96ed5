package io.ecsmonitor.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.awsfakes.AwsFault;
import io.ecsmonitor.awsfakes.FakeAws;
import io.ecsmonitor.awsfakes.JsonService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ECS ListServices only, for log group discovery tests (the full ECS fake lives in aws-fakes once merged):
 * services per cluster, answered in pages of two so pagination is exercised, {@code ClusterNotFoundException}
 * for an unknown cluster.
 */
public final class EcsListServicesFake implements JsonService {

    private final Map<String, List<String>> services = new ConcurrentHashMap<>();

    /** Adds {@code service} to {@code cluster}. */
    public EcsListServicesFake addService(String cluster, String service) {
        services.computeIfAbsent(cluster, c -> new CopyOnWriteArrayList<>()).add(service);
        return this;
    }

    /** Removes {@code service} from {@code cluster}. */
    public EcsListServicesFake removeService(String cluster, String service) {
        services.getOrDefault(cluster, List.of()).remove(service);
        return this;
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerServiceV20141113";
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        if (!"ListServices".equals(operation)) {
            throw new AwsFault(400, "UnknownOperationException", "only ListServices is faked here");
        }
        String cluster = request.path("cluster").asText("default");
        List<String> names = services.get(cluster);
        if (names == null) {
            throw new AwsFault(400, "ClusterNotFoundException", "Cluster not found.");
        }
        int from = request.has("nextToken") ? Integer.parseInt(request.get("nextToken").asText()) : 0;
        int to = Math.min(from + 2, names.size());
        ObjectNode answer = FakeAws.JSON.createObjectNode();
        ArrayNode arns = answer.putArray("serviceArns");
        for (String s : names.subList(from, to)) {
            arns.add("arn:aws:ecs:us-east-1:123456789012:service/" + cluster + "/" + s);
        }
        if (to < names.size()) {
            answer.put("nextToken", Integer.toString(to));
        }
        return answer;
    }
}
