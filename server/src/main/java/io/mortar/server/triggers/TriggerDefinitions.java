package io.mortar.server.triggers;

import io.mortar.model.GlueException;
import io.mortar.server.schedule.CronSchedule;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.EventBatchingCondition;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * Glue's rules for a trigger's definition, checked on create and on update, with messages naming the field: the
 * type, its schedule (Glue's cron, but every minute is allowed), its predicate, its event batching and its actions,
 * whose jobs and crawlers must exist. Also reads out of a definition the jobs and crawlers it starts and watches.
 */
final class TriggerDefinitions {
    /** Mortar's scheduler fires every minute if asked; Glue's 5-minute floor is not kept for triggers. */
    static final int MIN_SCHEDULE_MINUTES = 1;

    private final Predicate<String> jobExists;
    private final Predicate<String> crawlerExists;

    TriggerDefinitions(Predicate<String> jobExists, Predicate<String> crawlerExists) {
        this.jobExists = jobExists;
        this.crawlerExists = crawlerExists;
    }

    /** Checks a whole definition; its Type, required and one of four, the service model has checked already. */
    void check(Trigger trigger) {
        if (trigger.name() == null || trigger.name().isBlank()) {
            throw GlueException.invalidInput("Name is required.");
        }
        TriggerType type = trigger.type();
        schedule(type, trigger.schedule());
        predicate(type, trigger);
        eventBatching(type, trigger.eventBatchingCondition());
        actions(trigger.actions());
    }

    private static void schedule(TriggerType type, String schedule) {
        boolean given = schedule != null && !schedule.isBlank();
        if (type == TriggerType.SCHEDULED) {
            if (!given) {
                throw GlueException.invalidInput("Schedule is required for a SCHEDULED trigger.");
            }
            CronSchedule.parse("Schedule", schedule, MIN_SCHEDULE_MINUTES);
        } else if (given) {
            throw GlueException.invalidInput("Schedule is only for SCHEDULED triggers, not %s.", type);
        }
    }

    private static void predicate(TriggerType type, Trigger trigger) {
        var predicate = trigger.predicate();
        if (type != TriggerType.CONDITIONAL) {
            if (predicate != null && predicate.hasConditions() && !predicate.conditions().isEmpty()) {
                throw GlueException.invalidInput("Predicate is only for CONDITIONAL triggers, not %s.", type);
            }
            return;
        }
        if (predicate == null || !predicate.hasConditions() || predicate.conditions().isEmpty()) {
            throw GlueException.invalidInput("Predicate.Conditions must hold at least one condition for a CONDITIONAL"
                    + " trigger.");
        }
        // At most 500 conditions, Logical AND/ANY, LogicalOperator EQUALS: the service model checked them.
        List<Condition> conditions = predicate.conditions();
        if (conditions.size() > 1 && predicate.logicalAsString() == null) {
            throw GlueException.invalidInput("Predicate.Logical (AND or ANY) is required when there is more than one"
                    + " condition.");
        }
        for (int i = 0; i < conditions.size(); i++) {
            condition(conditions.get(i), "Predicate.Conditions[" + i + "]");
        }
    }

    private static void condition(Condition c, String field) {
        boolean job = c.jobName() != null;
        boolean crawler = c.crawlerName() != null;
        if (job == crawler) {
            throw GlueException.invalidInput("%s must name exactly one of JobName and CrawlerName.", field);
        }
        // The states' values are the service model's enums, checked before this.
        if (job && c.stateAsString() == null) {
            throw GlueException.invalidInput("%s.State is required with JobName.", field);
        }
        if (crawler && c.crawlStateAsString() == null) {
            throw GlueException.invalidInput("%s.CrawlState is required with CrawlerName.", field);
        }
    }

    private static void eventBatching(TriggerType type, EventBatchingCondition batching) {
        if (batching == null) {
            return;
        }
        if (type != TriggerType.EVENT) {
            throw GlueException.invalidInput("EventBatchingCondition is only for EVENT triggers, not %s.", type);
        }
        // BatchSize (1..100, required) and BatchWindow (1..900 s): the service model checked them.
    }

    private void actions(List<Action> actions) {
        if (actions == null || actions.isEmpty()) {
            throw GlueException.invalidInput("Actions must hold at least one action.");
        }
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            String field = "Actions[" + i + "]";
            if ((a.jobName() == null) == (a.crawlerName() == null)) {
                throw GlueException.invalidInput("%s must name exactly one of JobName and CrawlerName.", field);
            }
            if (a.jobName() != null && !jobExists.test(a.jobName())) {
                throw GlueException.entityNotFound("%s.JobName: job %s not found.", field, a.jobName());
            }
            if (a.crawlerName() != null && !crawlerExists.test(a.crawlerName())) {
                throw GlueException.entityNotFound("%s.CrawlerName: crawler %s not found.", field, a.crawlerName());
            }
        }
    }

    /** The jobs and crawlers the trigger's actions start. */
    static Set<Ref> starts(Trigger trigger) {
        Set<Ref> refs = new LinkedHashSet<>();
        for (Action a : trigger.actions()) {
            refs.add(a.jobName() != null ? new Ref(Kind.JOB, a.jobName()) : new Ref(Kind.CRAWLER, a.crawlerName()));
        }
        return refs;
    }

    /** The jobs and crawlers the trigger's predicate watches. */
    static Set<Ref> watches(Trigger trigger) {
        Set<Ref> refs = new LinkedHashSet<>();
        if (trigger.predicate() != null) {
            for (Condition c : trigger.predicate().conditions()) {
                refs.add(c.jobName() != null ? new Ref(Kind.JOB, c.jobName()) : new Ref(Kind.CRAWLER, c.crawlerName()));
            }
        }
        return refs;
    }
}
