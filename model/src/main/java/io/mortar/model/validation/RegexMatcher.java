package io.mortar.model.validation;

import java.util.regex.Pattern;

/**
 * A model pattern run as a Java regex. The whole value must match, as in AWS's own validation: the model's
 * unanchored character-class patterns such as NameString's would otherwise accept every string.
 */
final class RegexMatcher implements StringMatcher {
    private final Pattern pattern;

    RegexMatcher(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean matches(String value) {
        try {
            return pattern.matcher(value).matches();
        } catch (StackOverflowError e) {
            // Java's regex engine recurses once per repetition of a group: OrchestrationS3Location's
            // ^s3://([^/]+)/([^/]+/)*([^/]+)$ overflows a default stack on a few thousand path segments, well within
            // the shape's 8192 characters. The matcher is local, so nothing is left inconsistent; a value that cannot
            // be decided is accepted rather than turned into a 500 (the length bound still applies).
            return true;
        }
    }

    @Override
    public String toString() {
        return "RegexMatcher[" + pattern.pattern() + "]";
    }
}
