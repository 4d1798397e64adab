package io.mortar.auth.policy;

/**
 * What IAM's evaluation of identity-based policies decides for one action on one resource. Only {@link #ALLOW} lets
 * a request through; the two denials differ in the message AWS sends ("because no identity-based policy allows …"
 * against "with an explicit deny in an identity-based policy").
 */
public enum Decision {
    ALLOW,
    /** No statement allows the request (nothing was said about it, or what was said does not apply). */
    IMPLICIT_DENY,
    /** A {@code Deny} statement applies: it wins over every {@code Allow}, in any policy. */
    EXPLICIT_DENY
}
