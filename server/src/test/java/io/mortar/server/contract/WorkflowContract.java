package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueJson;
import io.mortar.server.testing.TestServer;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.StoredWorkflowRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchGetWorkflowsResponse;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ListWorkflowsResponse;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Predicate;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.Workflow;
import software.amazon.awssdk.services.glue.model.WorkflowGraph;

/**
 * Workflow definitions through the SDK: create, get (last run, graph), update, delete (with its triggers), list and
 * batch get, tags, and their errors. Triggers and runs are written through the server's own store here: their API is
 * tested on its own.
 */
abstract class WorkflowContract extends ContractGroup {
    WorkflowContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    private TriggerStore triggers() {
        return server.server().stores().triggers();
    }

    private String newWorkflow() {
        return glue.createWorkflow(r -> r.name(unique("Flow")).description("nightly")
                .defaultRunProperties(Map.of("day", "1")).maxConcurrentRuns(2)).name();
    }

    @Test
    void aCreatedWorkflowReadsBackAsGiven() {
        String name = unique("Flow");
        Instant before = Instant.now().minusSeconds(1);
        glue.createWorkflow(r -> r.name(name).description("nightly load").defaultRunProperties(Map.of("day", "1"))
                .maxConcurrentRuns(3).tags(Map.of("team", "data")));

        Workflow workflow = glue.getWorkflow(r -> r.name(name)).workflow();
        assertThat(workflow.name()).isEqualTo(name);
        assertThat(workflow.description()).isEqualTo("nightly load");
        assertThat(workflow.defaultRunProperties()).isEqualTo(Map.of("day", "1"));
        assertThat(workflow.maxConcurrentRuns()).isEqualTo(3);
        assertThat(workflow.createdOn()).isAfter(before);
        assertThat(workflow.lastModifiedOn()).isEqualTo(workflow.createdOn());
        assertThat(workflow.lastRun()).isNull();
        assertThat(workflow.graph()).as("only when asked").isNull();
        assertThat(glue.getTags(r -> r.resourceArn(ARN_PREFIX + "workflow/" + name)).tags())
                .isEqualTo(Map.of("team", "data"));
    }

    @Test
    void aTakenNameAndAMissingWorkflowAreGluesErrors() {
        String name = newWorkflow();
        assertThatThrownBy(() -> glue.createWorkflow(r -> r.name(name))).isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> glue.getWorkflow(r -> r.name(name + "_missing")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining(name + "_missing");
        assertThatThrownBy(() -> glue.updateWorkflow(r -> r.name(name + "_missing").description("x")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(glue.deleteWorkflow(r -> r.name(name + "_missing")).name()).as("as Glue: no error")
                .isEqualTo(name + "_missing");
    }

    @Test
    void anUpdateReplacesWhatItGivesAndKeepsTheRest() {
        String name = newWorkflow();
        Workflow before = glue.getWorkflow(r -> r.name(name)).workflow();

        glue.updateWorkflow(r -> r.name(name).description("weekly"));
        Workflow described = glue.getWorkflow(r -> r.name(name)).workflow();
        assertThat(described.description()).isEqualTo("weekly");
        assertThat(described.defaultRunProperties()).isEqualTo(Map.of("day", "1"));
        assertThat(described.maxConcurrentRuns()).isEqualTo(2);
        assertThat(described.createdOn()).isEqualTo(before.createdOn());
        assertThat(described.lastModifiedOn()).isAfterOrEqualTo(before.lastModifiedOn());

        glue.updateWorkflow(r -> r.name(name).defaultRunProperties(Map.of("week", "49")).maxConcurrentRuns(5));
        Workflow updated = glue.getWorkflow(r -> r.name(name)).workflow();
        assertThat(updated.defaultRunProperties()).isEqualTo(Map.of("week", "49"));
        assertThat(updated.maxConcurrentRuns()).isEqualTo(5);
        assertThat(updated.description()).isEqualTo("weekly");
    }

    @Test
    void listingPagesThroughEveryWorkflowAndBatchGetNamesTheMissing() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(newWorkflow());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListWorkflowsResponse page = glue.listWorkflows(r -> r.maxResults(2).nextToken(next));
            assertThat(page.workflows()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.workflows());
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();

        BatchGetWorkflowsResponse batch = glue.batchGetWorkflows(r -> r.names(mine.get(0), "NoSuchFlow", mine.get(2)));
        assertThat(batch.workflows()).extracting(Workflow::name).containsExactly(mine.get(0), mine.get(2));
        assertThat(batch.missingWorkflows()).containsExactly("NoSuchFlow");
    }

    @Test
    void theGraphIsMadeFromTheWorkflowsTriggersWithStableNodeIds() {
        String name = newWorkflow();
        String crawl = unique("crawl");
        String load = unique("load");
        String report = unique("report");
        Trigger start = Trigger.builder().name(unique("start")).workflowName(name).type("ON_DEMAND")
                .actions(Action.builder().crawlerName(crawl).build()).build();
        Trigger then = Trigger.builder().name(unique("then")).workflowName(name).type("CONDITIONAL")
                .predicate(Predicate.builder().conditions(Condition.builder().crawlerName(crawl)
                        .crawlState("SUCCEEDED").logicalOperator("EQUALS").build()).build())
                .actions(Action.builder().jobName(load).build(), Action.builder().jobName(report).build()).build();
        store(start, "CREATED", Set.of(new Ref(Kind.CRAWLER, crawl)), Set.of());
        store(then, "ACTIVATED", Set.of(new Ref(Kind.JOB, load), new Ref(Kind.JOB, report)),
                Set.of(new Ref(Kind.CRAWLER, crawl)));

        WorkflowGraph graph = glue.getWorkflow(r -> r.name(name).includeGraph(true)).workflow().graph();

        assertThat(graph.nodes()).extracting(Node::type, Node::name).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(NodeType.TRIGGER, start.name()),
                org.assertj.core.groups.Tuple.tuple(NodeType.TRIGGER, then.name()),
                org.assertj.core.groups.Tuple.tuple(NodeType.CRAWLER, crawl),
                org.assertj.core.groups.Tuple.tuple(NodeType.JOB, load),
                org.assertj.core.groups.Tuple.tuple(NodeType.JOB, report));
        Map<String, String> ids = new java.util.HashMap<>();
        graph.nodes().forEach(n -> ids.put(n.name(), n.uniqueId()));
        assertThat(ids.values()).allMatch(id -> id.startsWith("wnode_")).doesNotHaveDuplicates();
        assertThat(graph.edges()).extracting(e -> e.sourceId() + ">" + e.destinationId()).containsExactlyInAnyOrder(
                ids.get(start.name()) + ">" + ids.get(crawl), ids.get(crawl) + ">" + ids.get(then.name()),
                ids.get(then.name()) + ">" + ids.get(load), ids.get(then.name()) + ">" + ids.get(report));
        Node thenNode = graph.nodes().stream().filter(n -> n.name().equals(then.name())).findFirst().orElseThrow();
        assertThat(thenNode.triggerDetails().trigger().stateAsString()).isEqualTo("ACTIVATED");
        assertThat(glue.getWorkflow(r -> r.name(name).includeGraph(true)).workflow().graph().nodes())
                .as("the same ids on every call").extracting(Node::uniqueId)
                .containsExactlyInAnyOrderElementsOf(ids.values());
    }

    @Test
    void getWorkflowShowsTheLatestRun() {
        String name = newWorkflow();
        server.server().stores().workflows().startRun(name, (w, inProgress) -> new StoredWorkflowRun("wr_old", name,
                "COMPLETED", null, Map.of("day", "1"), Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:05:00Z"), null));
        server.server().stores().workflows().startRun(name, (w, inProgress) -> new StoredWorkflowRun("wr_new", name,
                "RUNNING", null, Map.of("day", "2"), Instant.parse("2026-12-02T00:00:00Z"), null, null));

        Workflow workflow = glue.getWorkflow(r -> r.name(name)).workflow();
        assertThat(workflow.lastRun().workflowRunId()).isEqualTo("wr_new");
        assertThat(workflow.lastRun().statusAsString()).isEqualTo("RUNNING");
        assertThat(workflow.lastRun().workflowRunProperties()).isEqualTo(Map.of("day", "2"));
    }

    @Test
    void deletingAWorkflowDeletesItsTriggersRunsAndTags() {
        String name = newWorkflow();
        glue.tagResource(r -> r.resourceArn(ARN_PREFIX + "workflow/" + name).tagsToAdd(Map.of("k", "v")));
        Trigger member = Trigger.builder().name(unique("member")).workflowName(name).type("ON_DEMAND")
                .actions(Action.builder().jobName("j").build()).build();
        store(member, "CREATED", Set.of(new Ref(Kind.JOB, "j")), Set.of());

        assertThat(glue.deleteWorkflow(r -> r.name(name)).name()).isEqualTo(name);

        assertThatThrownBy(() -> glue.getWorkflow(r -> r.name(name))).isInstanceOf(EntityNotFoundException.class);
        assertThat(triggers().get(member.name())).isEmpty();
        glue.createWorkflow(r -> r.name(name));
        assertThat(glue.getTags(r -> r.resourceArn(ARN_PREFIX + "workflow/" + name)).tags()).isEmpty();
        assertThat(glue.getWorkflow(r -> r.name(name).includeGraph(true)).workflow().graph().nodes()).isEmpty();
    }

    private void store(Trigger trigger, String state, Set<Ref> starts, Set<Ref> watches) {
        Instant now = Instant.now();
        triggers().create(new StoredTrigger(trigger.name(), trigger.workflowName(), trigger.typeAsString(), state,
                GlueJson.writeString(trigger), starts, watches, now, now), ARN_PREFIX + "trigger/" + trigger.name(),
                Map.of());
    }
}
