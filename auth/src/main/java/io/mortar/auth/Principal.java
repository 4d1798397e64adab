package io.mortar.auth;

import static java.util.Objects.requireNonNull;

import io.mortar.auth.policy.Decision;
import io.mortar.auth.policy.Policies;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who a verified request is from: the access key it was signed with, the key's name and ARN
 * ({@code arn:aws:iam::000000000000:user/analyst}), and the policies that decide what it may do.
 */
public record Principal(String accessKeyId, String name, String arn, Policies policies) {

    public Principal {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(name, "name");
        requireNonNull(arn, "arn");
        requireNonNull(policies, "policies");
    }

    /**
     * Passes if the action is allowed on every one of the resources (Glue authorizes GetTable on the catalog, the
     * database and the table: all three must be allowed); otherwise throws {@code AccessDeniedException} with AWS's
     * message, naming the first resource that is not allowed. An action on no resource at all (one without resource
     * types) is decided as IAM decides it, against {@code *}, and its message names no resource.
     */
    public void authorize(String action, List<String> resourceArns) {
        requireNonNull(resourceArns, "resourceArns");
        authorize(action, () -> resourceArns);
    }

    /**
     * As {@link #authorize(String, List)}, working out the resources only when the policies need them: a policy on
     * {@code "Resource": "*"} alone decides by the action, so building every call's ARNs would be wasted — unless
     * the call is denied, whose message names the resource.
     */
    public void authorize(String action, Supplier<List<String>> resources) {
        requireNonNull(action, "action");
        if (policies.resourceBlind() && policies.decide(action, "*") == Decision.ALLOW) {
            return;
        }
        List<String> resourceArns = resources.get();
        if (resourceArns.isEmpty()) {
            Decision decision = policies.decide(action, "*");
            if (decision != Decision.ALLOW) {
                throw denied(action, "", decision);
            }
            return;
        }
        for (String resourceArn : resourceArns) {
            Decision decision = policies.decide(action, resourceArn);
            if (decision != Decision.ALLOW) {
                throw denied(action, " on resource: " + resourceArn, decision);
            }
        }
    }

    // AWS's wording, e.g. "User: arn:aws:iam::000000000000:user/analyst is not authorized to perform:
    // glue:CreateTable on resource: arn:aws:glue:us-east-1:000000000000:database/sales because no identity-based
    // policy allows the glue:CreateTable action".
    private GlueException denied(String action, String onResource, Decision decision) {
        String reason = decision == Decision.EXPLICIT_DENY
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the " + action + " action";
        return new GlueException(GlueErrorCode.ACCESS_DENIED,
                "User: " + arn + " is not authorized to perform: " + action + onResource + " " + reason);
    }
}
