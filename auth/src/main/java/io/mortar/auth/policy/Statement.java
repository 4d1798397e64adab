package io.mortar.auth.policy;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a policy, compiled: its effect and the patterns of its {@code Action} or {@code NotAction} and
 * {@code Resource} or {@code NotResource}. It applies to a request when the action is among its actions (or, for
 * {@code NotAction}, among none of them) and the resource likewise — IAM's reading of the four elements.
 */
record Statement(Effect effect, Wildcard[] actions, boolean notAction, Wildcard[] resources, boolean notResource) {

    Statement {
        requireNonNull(effect, "effect");
        requireNonNull(actions, "actions");
        requireNonNull(resources, "resources");
    }

    boolean appliesTo(String action, String resourceArn) {
        return anyMatches(actions, action) != notAction && anyMatches(resources, resourceArn) != notResource;
    }

    /** Whether it applies to every resource alike ({@code "Resource": "*"}): the action alone decides. */
    boolean coversEveryResource() {
        if (notResource) {
            return false;
        }
        for (Wildcard pattern : resources) {
            if (pattern == Wildcard.Any.INSTANCE) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(Wildcard[] patterns, String input) {
        for (Wildcard pattern : patterns) {
            if (pattern.matches(input)) {
                return true;
            }
        }
        return false;
    }
}
