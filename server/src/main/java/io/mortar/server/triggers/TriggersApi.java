package io.mortar.server.triggers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.TagService;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.WorkflowStore;
import java.time.Clock;
import software.amazon.awssdk.services.glue.model.BatchGetTriggersRequest;
import software.amazon.awssdk.services.glue.model.CreateTriggerRequest;
import software.amazon.awssdk.services.glue.model.DeleteTriggerRequest;
import software.amazon.awssdk.services.glue.model.GetTriggerRequest;
import software.amazon.awssdk.services.glue.model.GetTriggersRequest;
import software.amazon.awssdk.services.glue.model.ListTriggersRequest;
import software.amazon.awssdk.services.glue.model.StartTriggerRequest;
import software.amazon.awssdk.services.glue.model.StopTriggerRequest;
import software.amazon.awssdk.services.glue.model.UpdateTriggerRequest;

/** The trigger operations of the Glue API and trigger tags. Triggers name jobs and crawlers, which must exist. */
public final class TriggersApi {
    private TriggersApi() {}

    public static void register(GlueOperations ops, TriggerStore store, JobStore jobs, CrawlerStore crawlers,
                                WorkflowStore workflows, TagService tags, ServerConfig config,
                                java.util.function.Consumer<StoredTrigger> fireOnDemand, Clock clock) {
        requireNonNull(ops, "ops");
        TriggerDefinitions definitions = new TriggerDefinitions(name -> jobs.getJob(name).isPresent(),
                name -> crawlers.get(name).isPresent());
        TriggerService triggers = new TriggerService(store, definitions, name -> workflows.get(name).isPresent(),
                fireOnDemand, config.identity(), clock);
        ops.add("CreateTrigger", CreateTriggerRequest::builder, triggers::createTrigger)
                .add("GetTrigger", GetTriggerRequest::builder, triggers::getTrigger)
                .add("GetTriggers", GetTriggersRequest::builder, triggers::getTriggers)
                .add("ListTriggers", ListTriggersRequest::builder, triggers::listTriggers)
                .add("BatchGetTriggers", BatchGetTriggersRequest::builder, triggers::batchGetTriggers)
                .add("UpdateTrigger", UpdateTriggerRequest::builder, triggers::updateTrigger)
                .add("DeleteTrigger", DeleteTriggerRequest::builder, triggers::deleteTrigger)
                .add("StartTrigger", StartTriggerRequest::builder, triggers::startTrigger)
                .add("StopTrigger", StopTriggerRequest::builder, triggers::stopTrigger);
        // Trigger names keep their case; an ARN's name is everything after "trigger/".
        tags.registerResourceKind("trigger", false, path -> store.get(String.join("/", path)).isPresent());
        tags.registerTagCheck("trigger", TriggerService::checkTags);
    }
}
