package io.ecsmonitor.awsfakes;

import java.util.Map;

/**
 * A fake of one AWS service that speaks the query protocol: every call is a form-encoded POST with an
 * {@code Action} parameter, answered with XML. Services are told apart by the signing name in the
 * request's SigV4 credential scope, like {@code elasticloadbalancing} or {@code sns}.
 */
public interface QueryService {

    /** The SigV4 signing name of the service. */
    String signingName();

    /** The XML namespace of its answers, like {@code http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/}. */
    String xmlNamespace();

    /**
     * Answers one call.
     *
     * @param action the action, like {@code DescribeTargetHealth}
     * @param params every form parameter, flattened the way the protocol flattens them
     *               ({@code TargetGroupArns.member.1})
     * @return the inner XML of {@code <ActionResult>}
     * @throws AwsFault to answer with an AWS error
     */
    String handle(String action, Map<String, String> params);
}
