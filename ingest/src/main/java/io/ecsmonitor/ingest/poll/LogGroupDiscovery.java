package io.ecsmonitor.ingest.poll;

import io.ecsmonitor.core.ecs.LogGroupPattern;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;

/** The log groups to read: the configured list, or one per ECS service of the cluster through the pattern. */
public final class LogGroupDiscovery {

    private LogGroupDiscovery() {
    }

    /** The log groups of the services of {@code cluster} ({@code only} them when not empty), sorted. */
    public static Set<String> fromEcs(EcsClient ecs, String cluster, List<String> only, LogGroupPattern pattern) {
        Set<String> groups = new TreeSet<>();
        String token = null;
        try {
            do {
                ListServicesRequest.Builder request = ListServicesRequest.builder().cluster(cluster).maxResults(100);
                if (token != null) {
                    request.nextToken(token);
                }
                ListServicesResponse response = ecs.listServices(request.build());
                for (String arn : response.serviceArns()) {
                    String service = arn.substring(arn.lastIndexOf('/') + 1);
                    if (only.isEmpty() || only.contains(service)) {
                        groups.add(pattern.logGroup(service));
                    }
                }
                token = response.nextToken();
            } while (token != null);
        } catch (ClusterNotFoundException e) {
            throw new ConnectException("ECS cluster '" + cluster + "' does not exist in this region; fix ecs.cluster or aws.region", e);
        }
        return groups;
    }
}
