package io.ecsmonitor.cli.logs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;

/**
 * The services of a cluster when {@code ECS_SERVICES} does not list them: ECS ListServices, every
 * page, through the shared {@link AwsCalls}; names sorted.
 */
public final class ServiceLister {

    private final EcsClient ecs;
    private final AwsCalls calls;

    public ServiceLister(EcsClient ecs, AwsCalls calls) {
        this.ecs = ecs;
        this.calls = calls;
    }

    /**
     * The names of the services of {@code cluster}.
     *
     * @throws LogReadFailure when the cluster does not exist or {@code ecs:ListServices} is denied
     */
    public List<String> services(String cluster) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            ListServicesResponse page;
            try {
                page = calls.call("ecs:ListServices", () -> ecs.listServices(r -> r.cluster(cluster).nextToken(pageToken)));
            } catch (LogReadFailure e) {
                if (e.kind() == LogReadFailure.Kind.NOT_FOUND) {
                    throw new LogReadFailure(e.kind(), "ECS cluster '" + cluster + "' was not found in this region;"
                            + " check ECS_CLUSTER and ECS_REGION", null, false, e);
                }
                throw e;
            }
            for (String arn : page.serviceArns()) {
                names.add(arn.substring(arn.lastIndexOf('/') + 1));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        names.sort(null);
        return names;
    }
}
