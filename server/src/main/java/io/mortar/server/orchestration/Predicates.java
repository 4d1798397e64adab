package io.mortar.server.orchestration;

import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Logical;
import software.amazon.awssdk.services.glue.model.Predicate;

/** A conditional trigger's predicate over the final states of the jobs and crawlers it watches. */
final class Predicates {
    private Predicates() {}

    /**
     * Whether the predicate holds: with {@code ANY}, one condition does; otherwise (AND, or a single condition) every
     * one does. A condition holds when its job's (crawler's) outcome is final and is the state it names.
     *
     * @param outcome a watched node's final state, empty while it has none
     */
    static boolean holds(Predicate predicate, Function<NodeKey, Optional<String>> outcome) {
        boolean any = predicate.logical() == Logical.ANY;
        for (Condition condition : predicate.conditions()) {
            boolean met = met(condition, outcome);
            if (any && met) {
                return true;
            }
            if (!any && !met) {
                return false;
            }
        }
        return !any;
    }

    static boolean met(Condition condition, Function<NodeKey, Optional<String>> outcome) {
        String wanted = condition.jobName() != null ? condition.stateAsString() : condition.crawlStateAsString();
        return outcome.apply(NodeKey.of(condition)).map(state -> state.equals(wanted)).orElse(false);
    }
}
