package io.mortar.server.workflows;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.Names;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.orchestration.TriggerDocuments;
import io.mortar.store.Page;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.StoredWorkflow;
import io.mortar.store.workflows.StoredWorkflowRun;
import io.mortar.store.workflows.WorkflowStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.BatchGetWorkflowsRequest;
import software.amazon.awssdk.services.glue.model.BatchGetWorkflowsResponse;
import software.amazon.awssdk.services.glue.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.glue.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.glue.model.DeleteWorkflowRequest;
import software.amazon.awssdk.services.glue.model.DeleteWorkflowResponse;
import software.amazon.awssdk.services.glue.model.GetWorkflowRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowResponse;
import software.amazon.awssdk.services.glue.model.ListWorkflowsRequest;
import software.amazon.awssdk.services.glue.model.ListWorkflowsResponse;
import software.amazon.awssdk.services.glue.model.StartingEventBatchCondition;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.UpdateWorkflowRequest;
import software.amazon.awssdk.services.glue.model.UpdateWorkflowResponse;
import software.amazon.awssdk.services.glue.model.Workflow;
import software.amazon.awssdk.services.glue.model.WorkflowRun;

/**
 * Workflow definitions over the Glue API: CreateWorkflow, GetWorkflow (with its last run, and its graph when asked),
 * UpdateWorkflow, DeleteWorkflow, ListWorkflows, BatchGetWorkflows. A workflow's members are its triggers (those whose
 * {@code WorkflowName} is it) and what they start and watch; deleting a workflow deletes its triggers and runs, not
 * the jobs and crawlers. Runs come with the run operations.
 *
 * <p>UpdateWorkflow replaces the members the request gives (Description, DefaultRunProperties, MaxConcurrentRuns) and
 * keeps those it leaves out, as its optional members suggest (UpdateJob, by contrast, is a full overwrite).
 */
final class WorkflowService {
    private static final String LISTING = "workflows";
    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 25;

    private final WorkflowStore workflows;
    private final TriggerStore triggers;
    private final CatalogIdentity identity;
    private final Clock clock;
    private final java.util.function.Function<StoredWorkflowRun, WorkflowRun> toRun;

    /** @param toRun a run as the API shows it (with its statistics) */
    WorkflowService(WorkflowStore workflows, TriggerStore triggers, CatalogIdentity identity,
                    java.util.function.Function<StoredWorkflowRun, WorkflowRun> toRun, Clock clock) {
        this.toRun = requireNonNull(toRun, "toRun");
        this.workflows = requireNonNull(workflows, "workflows");
        this.triggers = requireNonNull(triggers, "triggers");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    String arn(String name) {
        return identity.arnPrefix() + "workflow/" + name;
    }

    CreateWorkflowResponse createWorkflow(CreateWorkflowRequest request) {
        Names.rejectNul(request.name(), "Name");
        Names.rejectNul(request.tags(), "Tags");
        Names.rejectNul(request.defaultRunProperties(), "DefaultRunProperties");
        Instant now = clock.instant();
        Workflow definition = Workflow.builder().name(request.name()).description(request.description())
                .defaultRunProperties(request.hasDefaultRunProperties() ? request.defaultRunProperties() : null)
                .maxConcurrentRuns(request.maxConcurrentRuns()).build();
        workflows.create(new StoredWorkflow(request.name(), GlueJson.writeString(definition),
                request.maxConcurrentRuns(), now, now), arn(request.name()),
                request.hasTags() ? request.tags() : Map.of());
        return CreateWorkflowResponse.builder().name(request.name()).build();
    }

    GetWorkflowResponse getWorkflow(GetWorkflowRequest request) {
        return GetWorkflowResponse.builder().workflow(toWorkflow(require(request.name()),
                Boolean.TRUE.equals(request.includeGraph()))).build();
    }

    UpdateWorkflowResponse updateWorkflow(UpdateWorkflowRequest request) {
        Names.rejectNul(request.defaultRunProperties(), "DefaultRunProperties");
        workflows.change(request.name(), current -> {
            Workflow before = definition(current);
            Workflow.Builder after = before.toBuilder();
            if (request.description() != null) {
                after.description(request.description());
            }
            if (request.hasDefaultRunProperties()) {
                after.defaultRunProperties(request.defaultRunProperties());
            }
            if (request.maxConcurrentRuns() != null) {
                after.maxConcurrentRuns(request.maxConcurrentRuns());
            }
            Workflow next = after.build();
            return new StoredWorkflow(current.name(), GlueJson.writeString(next), next.maxConcurrentRuns(),
                    current.createTime(), clock.instant());
        });
        return UpdateWorkflowResponse.builder().name(request.name()).build();
    }

    /** Glue answers the name whether or not the workflow existed. */
    DeleteWorkflowResponse deleteWorkflow(DeleteWorkflowRequest request) {
        boolean deleted = workflows.delete(request.name(), arn(request.name()), workflow -> { });
        if (deleted) {
            for (StoredTrigger trigger : triggers.inWorkflow(request.name())) {
                triggers.delete(trigger.name(), identity.arnPrefix() + "trigger/" + trigger.name(), t -> { });
            }
        }
        return DeleteWorkflowResponse.builder().name(request.name()).build();
    }

    ListWorkflowsResponse listWorkflows(ListWorkflowsRequest request) {
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        Page<StoredWorkflow> page = workflows.listWorkflows(PageTokens.decodeName(LISTING, request.nextToken()),
                limit);
        return ListWorkflowsResponse.builder().workflows(page.items().stream().map(StoredWorkflow::name).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor())).build();
    }

    BatchGetWorkflowsResponse batchGetWorkflows(BatchGetWorkflowsRequest request) {
        List<Workflow> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean graph = Boolean.TRUE.equals(request.includeGraph());
        for (String name : request.names()) {
            Optional<StoredWorkflow> workflow = workflows.get(name);
            if (workflow.isPresent()) {
                found.add(toWorkflow(workflow.get(), graph));
            } else {
                missing.add(name);
            }
        }
        return BatchGetWorkflowsResponse.builder().workflows(found).missingWorkflows(missing).build();
    }

    private StoredWorkflow require(String name) {
        Names.rejectNul(name, "Name");
        return workflows.get(name).orElseThrow(() -> GlueException.entityNotFound("Workflow %s not found.", name));
    }

    private static Workflow definition(StoredWorkflow stored) {
        return GlueJson.read(stored.document(), Workflow.builder());
    }

    private Workflow toWorkflow(StoredWorkflow stored, boolean includeGraph) {
        Workflow.Builder workflow = definition(stored).toBuilder().createdOn(stored.createTime())
                .lastModifiedOn(stored.updateTime());
        workflows.listRuns(stored.name(), null, 1).items().stream().findFirst()
                .ifPresent(run -> workflow.lastRun(toRun.apply(run)));
        if (includeGraph) {
            List<Trigger> members = triggers.inWorkflow(stored.name()).stream()
                    .map(TriggerDocuments::toTrigger)
                    .toList();
            workflow.graph(WorkflowGraph.of(members));
        }
        return workflow.build();
    }

    static WorkflowRun toRun(StoredWorkflowRun run) {
        return WorkflowRun.builder().name(run.workflowName()).workflowRunId(run.runId())
                .previousRunId(run.previousRunId()).workflowRunProperties(run.properties())
                .startedOn(run.startedOn()).completedOn(run.completedOn()).status(run.status())
                .errorMessage(run.errorMessage())
                .startingEventBatchCondition(run.startingBatch() == null ? null : StartingEventBatchCondition.builder()
                        .batchSize(run.startingBatch().batchSize()).batchWindow(run.startingBatch().batchWindow())
                        .build())
                .build();
    }
}
