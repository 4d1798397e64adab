package io.mortar.server.workflows;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.TagService;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.orchestration.Orchestrator;
import io.mortar.server.orchestration.RunDetails;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.WorkflowStore;
import java.time.Clock;
import software.amazon.awssdk.services.glue.model.BatchGetWorkflowsRequest;
import software.amazon.awssdk.services.glue.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.glue.model.DeleteWorkflowRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunPropertiesRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRunsRequest;
import software.amazon.awssdk.services.glue.model.ListWorkflowsRequest;
import software.amazon.awssdk.services.glue.model.PutWorkflowRunPropertiesRequest;
import software.amazon.awssdk.services.glue.model.ResumeWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.StartWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.StopWorkflowRunRequest;
import software.amazon.awssdk.services.glue.model.UpdateWorkflowRequest;

/** The workflow-definition operations of the Glue API; workflows live in the catalog's database. */
public final class WorkflowsApi {
    private WorkflowsApi() {}

    /**
     * @param orchestrator starts the runs and moves them on
     * @param details what runs did (statistics, the graph's job runs and crawls)
     */
    public static void register(GlueOperations ops, WorkflowStore workflows, TriggerStore triggers, TagService tags,
                                CatalogIdentity identity, Orchestrator orchestrator, RunDetails details,
                                Clock clock) {
        requireNonNull(ops, "ops");
        WorkflowRunService runs = new WorkflowRunService(workflows, triggers, orchestrator.firer(), details,
                orchestrator::wake, clock);
        WorkflowService service = new WorkflowService(workflows, triggers, identity, run -> runs.toRun(run, false),
                clock);
        ops.add("CreateWorkflow", CreateWorkflowRequest::builder, service::createWorkflow)
                .add("GetWorkflow", GetWorkflowRequest::builder, service::getWorkflow)
                .add("UpdateWorkflow", UpdateWorkflowRequest::builder, service::updateWorkflow)
                .add("DeleteWorkflow", DeleteWorkflowRequest::builder, service::deleteWorkflow)
                .add("ListWorkflows", ListWorkflowsRequest::builder, service::listWorkflows)
                .add("BatchGetWorkflows", BatchGetWorkflowsRequest::builder, service::batchGetWorkflows)
                .add("StartWorkflowRun", StartWorkflowRunRequest::builder, runs::startWorkflowRun)
                .add("GetWorkflowRun", GetWorkflowRunRequest::builder, runs::getWorkflowRun)
                .add("GetWorkflowRuns", GetWorkflowRunsRequest::builder, runs::getWorkflowRuns)
                .add("StopWorkflowRun", StopWorkflowRunRequest::builder, runs::stopWorkflowRun)
                .add("ResumeWorkflowRun", ResumeWorkflowRunRequest::builder, runs::resumeWorkflowRun)
                .add("GetWorkflowRunProperties", GetWorkflowRunPropertiesRequest::builder,
                        runs::getWorkflowRunProperties)
                .add("PutWorkflowRunProperties", PutWorkflowRunPropertiesRequest::builder,
                        runs::putWorkflowRunProperties);
        tags.registerResourceKind("workflow", false, path -> workflows.get(String.join("/", path)).isPresent());
    }
}
