package io.mortar.tagging;

/** A rule that cannot be used: its regex does not compile, or it names no column or an unknown one. */
public final class InvalidRuleException extends IllegalArgumentException {
    private final int ruleIndex;

    InvalidRuleException(int ruleIndex, TagRule rule, String problem) {
        super("Rule " + ruleIndex + " (tag '" + rule.tag() + "', regex '" + rule.regex() + "'): " + problem);
        this.ruleIndex = ruleIndex;
    }

    /** The rule's position in the rule list, from 0. */
    public int ruleIndex() {
        return ruleIndex;
    }
}
