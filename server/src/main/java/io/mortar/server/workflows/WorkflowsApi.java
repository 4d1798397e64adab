package io.mortar.server.workflows;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.TagService;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.WorkflowStore;
import java.time.Clock;
import software.amazon.awssdk.services.glue.model.BatchGetWorkflowsRequest;
import software.amazon.awssdk.services.glue.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.glue.model.DeleteWorkflowRequest;
import software.amazon.awssdk.services.glue.model.GetWorkflowRequest;
import software.amazon.awssdk.services.glue.model.ListWorkflowsRequest;
import software.amazon.awssdk.services.glue.model.UpdateWorkflowRequest;

/** The workflow-definition operations of the Glue API; workflows live in the catalog's database. */
public final class WorkflowsApi {
    private WorkflowsApi() {}

    public static void register(GlueOperations ops, WorkflowStore workflows, TriggerStore triggers, TagService tags,
                                CatalogIdentity identity, Clock clock) {
        requireNonNull(ops, "ops");
        WorkflowService service = new WorkflowService(workflows, triggers, identity, clock);
        ops.add("CreateWorkflow", CreateWorkflowRequest::builder, service::createWorkflow)
                .add("GetWorkflow", GetWorkflowRequest::builder, service::getWorkflow)
                .add("UpdateWorkflow", UpdateWorkflowRequest::builder, service::updateWorkflow)
                .add("DeleteWorkflow", DeleteWorkflowRequest::builder, service::deleteWorkflow)
                .add("ListWorkflows", ListWorkflowsRequest::builder, service::listWorkflows)
                .add("BatchGetWorkflows", BatchGetWorkflowsRequest::builder, service::batchGetWorkflows);
        tags.registerResourceKind("workflow", false, path -> workflows.get(String.join("/", path)).isPresent());
    }
}
