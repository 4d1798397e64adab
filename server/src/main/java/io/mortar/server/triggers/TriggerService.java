package io.mortar.server.triggers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.Names;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.store.Page;
import io.mortar.server.events.EventSources;
import io.mortar.server.orchestration.TriggerDocuments;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import io.mortar.store.triggers.TriggerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.BatchGetTriggersRequest;
import software.amazon.awssdk.services.glue.model.BatchGetTriggersResponse;
import software.amazon.awssdk.services.glue.model.CreateTriggerRequest;
import software.amazon.awssdk.services.glue.model.CreateTriggerResponse;
import software.amazon.awssdk.services.glue.model.DeleteTriggerRequest;
import software.amazon.awssdk.services.glue.model.DeleteTriggerResponse;
import software.amazon.awssdk.services.glue.model.GetTriggerRequest;
import software.amazon.awssdk.services.glue.model.GetTriggerResponse;
import software.amazon.awssdk.services.glue.model.GetTriggersRequest;
import software.amazon.awssdk.services.glue.model.GetTriggersResponse;
import software.amazon.awssdk.services.glue.model.ListTriggersRequest;
import software.amazon.awssdk.services.glue.model.ListTriggersResponse;
import software.amazon.awssdk.services.glue.model.StartTriggerRequest;
import software.amazon.awssdk.services.glue.model.StartTriggerResponse;
import software.amazon.awssdk.services.glue.model.StopTriggerRequest;
import software.amazon.awssdk.services.glue.model.StopTriggerResponse;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerState;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.TriggerUpdate;
import software.amazon.awssdk.services.glue.model.UpdateTriggerRequest;
import software.amazon.awssdk.services.glue.model.UpdateTriggerResponse;

/**
 * Trigger definitions and their states: CreateTrigger, GetTrigger, GetTriggers, ListTriggers, BatchGetTriggers,
 * UpdateTrigger (a full overwrite of the updatable fields), DeleteTrigger, and StartTrigger/StopTrigger as the
 * activation of SCHEDULED, CONDITIONAL and EVENT triggers. Firing is not this class's concern.
 */
final class TriggerService {
    private static final String LISTING = "triggers";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1_000;
    private static final int MAX_BATCH = 100;

    private final TriggerStore store;
    private final java.util.function.Predicate<String> workflowExists;
    private final java.util.function.Consumer<StoredTrigger> fireOnDemand;
    private final TriggerDefinitions definitions;
    private final CatalogIdentity identity;
    private final Clock clock;

    /**
     * @param fireOnDemand fires an ON_DEMAND trigger (StartTrigger): a run of its workflow, or its actions
     */
    TriggerService(TriggerStore store, TriggerDefinitions definitions, java.util.function.Predicate<String>
            workflowExists, java.util.function.Consumer<StoredTrigger> fireOnDemand, CatalogIdentity identity,
                   Clock clock) {
        this.workflowExists = requireNonNull(workflowExists, "workflowExists");
        this.fireOnDemand = requireNonNull(fireOnDemand, "fireOnDemand");
        this.store = requireNonNull(store, "store");
        this.definitions = requireNonNull(definitions, "definitions");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The tags that mean something to Mortar: {@code mortar:events} must name places an EVENT trigger can watch. */
    static void checkTags(Map<String, String> tags) {
        String events = tags.get(EventSources.TAG);
        if (events != null) {
            EventSources.parse(events);
        }
    }

    String arn(String name) {
        return identity.arnPrefix() + "trigger/" + name;
    }

    CreateTriggerResponse createTrigger(CreateTriggerRequest request) {
        TriggerType type = request.type(); // required and one of four: the service model checked it
        Trigger trigger = Trigger.builder().name(request.name()).workflowName(request.workflowName()).type(type)
                .description(request.description()).schedule(blankToNull(request.schedule()))
                .actions(request.hasActions() ? request.actions() : null)
                .predicate(request.predicate()).eventBatchingCondition(request.eventBatchingCondition()).build();
        definitions.check(trigger);
        if (trigger.workflowName() != null && !workflowExists.test(trigger.workflowName())) {
            throw GlueException.entityNotFound("WorkflowName %s: no such workflow.", trigger.workflowName());
        }
        boolean start = Boolean.TRUE.equals(request.startOnCreation());
        if (start && type == TriggerType.ON_DEMAND) {
            throw GlueException.invalidInput("StartOnCreation is not allowed for an ON_DEMAND trigger.");
        }
        Names.rejectNul(request.tags(), "Tags");
        if (request.hasTags()) {
            checkTags(request.tags());
        }
        Instant now = clock.instant();
        TriggerState state = start ? TriggerState.ACTIVATED : TriggerState.CREATED;
        store.create(new StoredTrigger(trigger.name(), trigger.workflowName(), type.toString(), state.toString(),
                        GlueJson.writeString(trigger), TriggerDefinitions.starts(trigger),
                        TriggerDefinitions.watches(trigger), now, now),
                arn(trigger.name()), request.hasTags() ? request.tags() : Map.of());
        return CreateTriggerResponse.builder().name(trigger.name()).build();
    }

    GetTriggerResponse getTrigger(GetTriggerRequest request) {
        return GetTriggerResponse.builder().trigger(toTrigger(require(request.name()))).build();
    }

    private StoredTrigger require(String name) {
        return store.get(name).orElseThrow(() -> notFound(name));
    }

    private static GlueException notFound(String name) {
        return GlueException.entityNotFound("Trigger %s not found.", name);
    }

    /**
     * With DependentJobName, only the triggers whose actions start that job — none when no trigger does (Glue then
     * answers every trigger, which a client asking "what starts this job?" would misread).
     */
    GetTriggersResponse getTriggers(GetTriggersRequest request) {
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        String after = PageTokens.decodeName(LISTING, request.nextToken());
        Page<StoredTrigger> page = request.dependentJobName() == null
                ? store.listTriggers(after, limit, Map.of(), arn(""))
                : store.starting(request.dependentJobName(), after, limit);
        return GetTriggersResponse.builder().triggers(page.items().stream().map(TriggerService::toTrigger).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor())).build();
    }

    /** By DependentJobName and Tags as GetTriggers; with both, a page may hold fewer names than MaxResults. */
    ListTriggersResponse listTriggers(ListTriggersRequest request) {
        Names.rejectNul(request.tags(), "Tags");
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        String after = PageTokens.decodeName(LISTING, request.nextToken());
        Map<String, String> tags = request.hasTags() ? request.tags() : Map.of();
        String job = request.dependentJobName();
        Page<StoredTrigger> page = job != null && tags.isEmpty()
                ? store.starting(job, after, limit)
                : store.listTriggers(after, limit, tags, arn(""));
        Ref dependent = job == null ? null : new Ref(Kind.JOB, job);
        return ListTriggersResponse.builder().triggerNames(page.items().stream()
                        .filter(t -> dependent == null || t.starts().contains(dependent))
                        .map(StoredTrigger::name).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor())).build();
    }

    BatchGetTriggersResponse batchGetTriggers(BatchGetTriggersRequest request) {
        if (!request.hasTriggerNames() || request.triggerNames().isEmpty()
                || request.triggerNames().size() > MAX_BATCH) {
            throw GlueException.invalidInput("TriggerNames must name between 1 and %d triggers.", MAX_BATCH);
        }
        List<Trigger> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String name : request.triggerNames()) {
            Optional<StoredTrigger> trigger = store.get(name);
            if (trigger.isPresent()) {
                found.add(toTrigger(trigger.get()));
            } else {
                notFound.add(name);
            }
        }
        return BatchGetTriggersResponse.builder().triggers(found).triggersNotFound(notFound).build();
    }

    /**
     * Every updatable field takes the update's value, absent ones included (Glue's full overwrite); the type, the
     * workflow and the state stay. The name cannot change.
     */
    UpdateTriggerResponse updateTrigger(UpdateTriggerRequest request) {
        TriggerUpdate update = request.triggerUpdate();
        if (update == null) {
            throw GlueException.invalidInput("TriggerUpdate is required.");
        }
        if (update.name() != null && !update.name().equals(request.name())) {
            throw GlueException.invalidInput("TriggerUpdate.Name '%s' differs from Name '%s'; a trigger cannot be"
                    + " renamed.", update.name(), request.name());
        }
        StoredTrigger changed = store.change(request.name(), current -> {
            Trigger before = definition(current);
            Trigger after = Trigger.builder().name(current.name()).workflowName(before.workflowName())
                    .type(before.typeAsString()).description(update.description())
                    .schedule(blankToNull(update.schedule())).actions(update.hasActions() ? update.actions() : null)
                    .predicate(update.predicate()).eventBatchingCondition(update.eventBatchingCondition()).build();
            definitions.check(after);
            return new StoredTrigger(current.name(), current.workflowName(), current.type(), current.state(),
                    GlueJson.writeString(after), TriggerDefinitions.starts(after), TriggerDefinitions.watches(after),
                    current.createTime(), clock.instant());
        });
        return UpdateTriggerResponse.builder().trigger(toTrigger(changed)).build();
    }

    /** Glue throws nothing for a trigger that does not exist; neither does Mortar. */
    DeleteTriggerResponse deleteTrigger(DeleteTriggerRequest request) {
        store.delete(request.name(), arn(request.name()), trigger -> { });
        return DeleteTriggerResponse.builder().name(request.name()).build();
    }

    /**
     * Activates a SCHEDULED, CONDITIONAL or EVENT trigger (already ACTIVATED: nothing changes). An ON_DEMAND trigger
     * keeps its state and fires: a run of its workflow, or its actions.
     */
    StartTriggerResponse startTrigger(StartTriggerRequest request) {
        StoredTrigger current = require(request.name());
        if (current.type().equals(TriggerType.ON_DEMAND.toString())) {
            fireOnDemand.accept(current);
        } else {
            setState(request.name(), TriggerState.ACTIVATED);
        }
        return StartTriggerResponse.builder().name(request.name()).build();
    }

    /** Deactivates an ACTIVATED trigger; an ON_DEMAND one, never activated, cannot be stopped. */
    StopTriggerResponse stopTrigger(StopTriggerRequest request) {
        StoredTrigger current = require(request.name());
        if (current.type().equals(TriggerType.ON_DEMAND.toString())) {
            throw GlueException.invalidInput("Trigger %s is ON_DEMAND: it is never activated, so it cannot be"
                    + " stopped.", request.name());
        }
        setState(request.name(), TriggerState.DEACTIVATED);
        return StopTriggerResponse.builder().name(request.name()).build();
    }

    private void setState(String name, TriggerState state) {
        store.change(name, current -> current.state().equals(state.toString()) ? current
                : new StoredTrigger(current.name(), current.workflowName(), current.type(), state.toString(),
                        current.document(), current.starts(), current.watches(), current.createTime(),
                        clock.instant()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Trigger definition(StoredTrigger stored) {
        return GlueJson.read(stored.document(), Trigger.builder());
    }

    static Trigger toTrigger(StoredTrigger stored) {
        return TriggerDocuments.toTrigger(stored);
    }
}
