package io.mortar.store.triggers;

import io.mortar.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Triggers, and the firings of the scheduled ones. Every method is one atomic transaction. Tags live under the
 * trigger's ARN with every other resource's tags.
 *
 * <p>A firing is claimed before its actions start ({@link #claimFiring}): the claim is a row keyed by the trigger and
 * the time the firing fell due, inserted only if absent, so of several servers on one store — or of a server and its
 * own restart — exactly one starts each firing.
 */
public interface TriggerStore {

    /**
     * Creates the trigger with exactly these tags.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS
     */
    void create(StoredTrigger trigger, String arn, Map<String, String> tags);

    Optional<StoredTrigger> get(String name);

    /**
     * Triggers in name order after {@code afterName}; with tags, only those carrying every one of them (a trigger's ARN
     * is {@code arnPrefix} followed by its name).
     */
    Page<StoredTrigger> listTriggers(String afterName, int limit, Map<String, String> tags, String arnPrefix);

    /** Triggers in name order after {@code afterName} whose actions start this job. */
    Page<StoredTrigger> starting(String jobName, String afterName, int limit);

    /** Triggers whose predicate watches this job or crawler, in name order. */
    List<StoredTrigger> watching(StoredTrigger.Ref watched);

    /** The triggers of a workflow, in name order. */
    List<StoredTrigger> inWorkflow(String workflowName);

    /** Triggers of this type in this state, in name order (the scheduler's ACTIVATED SCHEDULED triggers). */
    List<StoredTrigger> withTypeAndState(String type, String state);

    /**
     * Replaces a trigger with what {@code change} makes of it, the trigger locked meanwhile so that two updates never
     * lose one another; {@code change} throws a GlueException to refuse (nothing is written).
     *
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND
     */
    StoredTrigger change(String name, UnaryOperator<StoredTrigger> change);

    /**
     * Deletes the trigger, its firings and its tags after {@code check} accepted it (it throws to refuse); false if
     * there is no such trigger.
     */
    boolean delete(String name, String arn, Consumer<StoredTrigger> check);

    /**
     * Claims the firing of {@code trigger} that fell due at {@code due}: true for the one caller that may start its
     * actions, false for every other (another server, or this one again after a restart).
     */
    boolean claimFiring(String trigger, Instant due, Instant now);

    /**
     * Claims the reaction of a conditional trigger to one cause (a run's end, named by the caller): true for the one
     * caller that may start its actions, false for every other.
     */
    boolean claimReaction(String trigger, String cause, Instant now);

    /** When the trigger's latest claimed firing fell due; empty if it never fired. */
    Optional<Instant> lastFiring(String trigger);
}
