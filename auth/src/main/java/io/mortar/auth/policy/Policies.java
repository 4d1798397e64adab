package io.mortar.auth.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * All the identity-based policies of one principal, evaluated together as IAM evaluates them: a {@code Deny}
 * statement that applies, in any of the policies, decides {@link Decision#EXPLICIT_DENY}; otherwise an {@code Allow}
 * statement that applies decides {@link Decision#ALLOW}; otherwise the request is implicitly denied.
 *
 * <p>Every API call is decided here, so the statements of all the policies are laid out once into two flat arrays,
 * the denials first: a call walks the denials (usually none), then the allowances up to the first that applies, with
 * every pattern already compiled.
 */
public final class Policies {
    private static final Policies ALLOW_ALL = of(List.of(Policy.parse(
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));

    private final List<Policy> policies;
    private final Statement[] denials;
    private final Statement[] allowances;
    private final boolean resourceBlind;

    private Policies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
        List<Statement> deny = new ArrayList<>();
        List<Statement> allow = new ArrayList<>();
        for (Policy policy : this.policies) {
            for (Statement statement : policy.statements()) {
                (statement.effect() == Effect.DENY ? deny : allow).add(statement);
            }
        }
        this.denials = deny.toArray(Statement[]::new);
        this.allowances = allow.toArray(Statement[]::new);
        this.resourceBlind = deny.stream().allMatch(Statement::coversEveryResource)
                && allow.stream().allMatch(Statement::coversEveryResource);
    }

    /** The policies of one principal; none at all allows nothing. */
    public static Policies of(List<Policy> policies) {
        return new Policies(requireNonNull(policies, "policies"));
    }

    /** Everything on every resource: the root key's policy. */
    public static Policies allowAll() {
        return ALLOW_ALL;
    }

    /** The policies as given, in order. */
    public List<Policy> policies() {
        return policies;
    }

    /**
     * IAM's decision for one action ({@code glue:GetTable}, matched ignoring case) on one resource ARN (matched with
     * case).
     */
    public Decision decide(String action, String resourceArn) {
        requireNonNull(action, "action");
        requireNonNull(resourceArn, "resourceArn");
        for (Statement statement : denials) {
            if (statement.appliesTo(action, resourceArn)) {
                return Decision.EXPLICIT_DENY;
            }
        }
        for (Statement statement : allowances) {
            if (statement.appliesTo(action, resourceArn)) {
                return Decision.ALLOW;
            }
        }
        return Decision.IMPLICIT_DENY;
    }

    /**
     * Whether every statement names {@code "Resource": "*"}, so that an action is decided the same on every resource
     * (the root key's policy, a read-only analyst's): the caller need not work out which resources a request acts on.
     */
    public boolean resourceBlind() {
        return resourceBlind;
    }

    @Override
    public String toString() {
        return "Policies" + policies;
    }
}
