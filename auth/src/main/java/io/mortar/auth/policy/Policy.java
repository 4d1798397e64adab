package io.mortar.auth.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One IAM-style identity-based policy: the JSON document as the user gave it (shown back verbatim) and its
 * statements, compiled once here so that deciding a request never parses or compiles anything.
 *
 * <p>Supported: {@code Version} (2012-10-17 or 2008-10-17, or none), {@code Id}, {@code Statement} (one object or an
 * array), and per statement {@code Sid}, {@code Effect}, {@code Action}/{@code NotAction},
 * {@code Resource}/{@code NotResource}, with IAM's {@code *} and {@code ?} wildcards (and, in resources under
 * 2012-10-17, {@code ${*}}, {@code ${?}} and {@code ${$}} for the characters themselves). Everything else is refused
 * with the field named; see {@link PolicyDocumentReader}.
 */
public final class Policy {
    private final String json;
    private final List<Statement> statements;

    private Policy(String json, List<Statement> statements) {
        this.json = requireNonNull(json, "json");
        this.statements = List.copyOf(statements);
    }

    /**
     * Parses one policy document.
     *
     * @throws io.mortar.model.GlueException {@code INVALID_INPUT}, naming the field at fault (for example
     *     {@code Statement[1].Effect must be Allow or Deny, not 'allow '})
     */
    public static Policy parse(String json) {
        return new Policy(json, PolicyDocumentReader.read(json));
    }

    /**
     * A name as it must appear in a resource ARN of a Version 2012-10-17 policy to mean only itself: its {@code *},
     * {@code ?} and {@code $} written as IAM's {@code ${*}}, {@code ${?}} and {@code ${$}} (a job named {@code a*}
     * must not stand for every job whose name starts with {@code a}).
     */
    public static String literal(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '?' || c == '$') {
                out.append("${").append(c).append('}');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The document as given, white space and key order kept. */
    public String json() {
        return json;
    }

    List<Statement> statements() {
        return statements;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Policy policy && policy.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
