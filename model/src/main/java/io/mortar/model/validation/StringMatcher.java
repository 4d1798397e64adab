package io.mortar.model.validation;

/** A compiled {@code pattern} trait: decides whether a whole string value satisfies it. */
interface StringMatcher {

    boolean matches(String value);
}
