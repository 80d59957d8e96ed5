package io.ecsmonitor.awsfakes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fake of one AWS service that speaks the JSON 1.0/1.1 protocol: every call is a POST with an
 * {@code X-Amz-Target: <prefix>.<Operation>} header and a JSON body.
 */
public interface JsonService {

    /** The target prefix, like {@code Logs_20140328} or {@code AmazonEC2ContainerServiceV20141113}. */
    String targetPrefix();

    /**
     * Answers one call.
     *
     * @param operation the operation, like {@code FilterLogEvents}
     * @param request   the JSON body
     * @return the JSON answer
     * @throws AwsFault to answer with an AWS error
     */
    JsonNode handle(String operation, JsonNode request);
}
