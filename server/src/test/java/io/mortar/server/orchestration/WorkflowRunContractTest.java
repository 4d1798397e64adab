package io.mortar.server.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.jobs.ProtocolDriver;
import io.mortar.server.testing.TestServer;
import io.mortar.server.testing.Waits;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.IllegalWorkflowStateException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.Logical;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Predicate;
import software.amazon.awssdk.services.glue.model.ResumeWorkflowRunResponse;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatistics;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatus;

/**
 * Workflow runs and trigger firing through the AWS SDK on both stores: StartWorkflowRun firing the start trigger and
 * conditional triggers down a chain (job → job → crawler), Statistics and the run graph, run properties, the workflow
 * arguments each job gets, a failed node giving COMPLETED with FailedActions and ResumeWorkflowRun rerunning it,
 * StopWorkflowRun, MaxConcurrentRuns, ON_DEMAND StartTrigger and conditional triggers outside workflows, and the
 * errors. Jobs run as {@link ProtocolDriver}s: launched as Spark drivers are, told by their arguments how long to run
 * and whether to fail.
 */
class WorkflowRunContractTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Nested
    class Sqlite extends Contract {
        @Override
        StoreBackend backend() {
            return StoreBackend.SQLITE;
        }
    }

    @Nested
    class Postgres extends Contract {
        @Override
        StoreBackend backend() {
            return StoreBackend.POSTGRESQL;
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract {
        private static final AtomicInteger NAMES = new AtomicInteger();
        private TestServer server;
        private GlueClient glue;
        private Path lake;

        abstract StoreBackend backend();

        @BeforeAll
        void start() throws Exception {
            Path drivers = StoreBackend.tempDir("mortar-flow-drivers");
            JobsConfig jobs = ProtocolDriver.install(drivers, DriverCapacity.of(4, 64L << 30, "1g"), 0.2);
            server = TestServer.start(backend(), config -> config.withJobs(jobs));
            glue = server.client();
            lake = Files.createDirectories(drivers.resolve("lake"));
            Files.writeString(Files.createDirectories(lake.resolve("sales")).resolve("a.csv"), "id,amount\n1,2\n");
        }

        @AfterAll
        void stop() {
            if (glue != null) {
                glue.close();
            }
            if (server != null) {
                server.close();
            }
        }

        private String name(String prefix) {
            return prefix + "_" + NAMES.incrementAndGet() + "_" + System.nanoTime() % 100_000;
        }

        private String job(String name) throws Exception {
            Path script = Files.writeString(server.dataDir().resolve(name + ".sql"), "SELECT 1;");
            glue.createJob(r -> r.name(name).role("glue").command(c -> c.name("glueetl")
                    .scriptLocation(script.toString())).executionProperty(p -> p.maxConcurrentRuns(5)));
            return name;
        }

        private String crawler(String name) {
            glue.createCrawler(r -> r.name(name).role("arn:aws:iam::000000000000:role/crawler").databaseName("lake")
                    .tablePrefix(name + "_")
                    .targets(CrawlerTargets.builder().s3Targets(t -> t.path("file://" + lake)).build()));
            return name;
        }

        private static Action runs(String job, Map<String, String> arguments) {
            return Action.builder().jobName(job).arguments(arguments).build();
        }

        private static Condition succeeded(String job) {
            return Condition.builder().jobName(job).state("SUCCEEDED").logicalOperator("EQUALS").build();
        }

        /** start (ON_DEMAND) → first; first SUCCEEDED → second; second SUCCEEDED → crawler. */
        private Chain chain(Map<String, String> firstArguments) throws Exception {
            String workflow = name("Flow");
            glue.createWorkflow(r -> r.name(workflow).defaultRunProperties(Map.of("day", "1", "mode", "full")));
            Chain chain = new Chain(workflow, job(name("first")), job(name("second")), crawler(name("crawl")),
                    name("start"), name("then"), name("finally"));
            glue.createTrigger(r -> r.name(chain.start).workflowName(workflow).type("ON_DEMAND")
                    .actions(runs(chain.first, firstArguments)));
            glue.createTrigger(r -> r.name(chain.then).workflowName(workflow).type("CONDITIONAL").startOnCreation(true)
                    .predicate(Predicate.builder().conditions(succeeded(chain.first)).build())
                    .actions(runs(chain.second, Map.of("--stage", "two"))));
            glue.createTrigger(r -> r.name(chain.last).workflowName(workflow).type("CONDITIONAL")
                    .startOnCreation(true).predicate(Predicate.builder().conditions(succeeded(chain.second)).build())
                    .actions(Action.builder().crawlerName(chain.crawler).build()));
            return chain;
        }

        private record Chain(String workflow, String first, String second, String crawler, String start,
                             String then, String last) {}

        private WorkflowRun awaitRun(String workflow, String runId, WorkflowRunStatus status) {
            return await(() -> {
                WorkflowRun run = glue.getWorkflowRun(r -> r.name(workflow).runId(runId).includeGraph(true)).run();
                return run.status() == status ? Optional.of(run) : Optional.empty();
            }, "workflow run " + runId + " " + status);
        }

        private static <T> T await(Supplier<Optional<T>> probe, String what) {
            return Waits.until(probe, PATIENCE, Duration.ofMillis(100), what, () -> "");
        }

        private static Node node(WorkflowRun run, NodeType type, String name) {
            return run.graph().nodes().stream().filter(n -> n.type() == type && n.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " node " + name));
        }

        private List<String> argumentsOf(String runId) throws Exception {
            return Files.readAllLines(server.dataDir().resolve("runs").resolve(runId).resolve("arguments"));
        }

        private static String argument(List<String> arguments, String name) {
            int at = arguments.indexOf(name);
            return at < 0 || at + 1 >= arguments.size() ? null : arguments.get(at + 1);
        }

        @Test
        void aRunFiresItsChainToTheEndAndShowsWhatEachNodeDid() throws Exception {
            Chain chain = chain(Map.of("--stage", "one"));

            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow).runProperties(Map.of("day", "2")))
                    .runId();

            assertThat(runId).matches("wr_[0-9a-f]{64}");
            WorkflowRun run = awaitRun(chain.workflow, runId, WorkflowRunStatus.COMPLETED);
            assertThat(run.workflowRunProperties()).isEqualTo(Map.of("day", "2", "mode", "full"));
            assertThat(run.statistics()).isEqualTo(WorkflowRunStatistics.builder().totalActions(3)
                    .succeededActions(3).failedActions(0).stoppedActions(0).timeoutActions(0).erroredActions(0)
                    .waitingActions(0).runningActions(0).build());
            assertThat(run.completedOn()).isAfterOrEqualTo(run.startedOn());
            JobRun first = node(run, NodeType.JOB, chain.first).jobDetails().jobRuns().get(0);
            JobRun second = node(run, NodeType.JOB, chain.second).jobDetails().jobRuns().get(0);
            assertThat(first.triggerName()).isEqualTo(chain.start);
            assertThat(second.triggerName()).isEqualTo(chain.then);
            assertThat(second.startedOn()).as("the second waits for the first").isAfterOrEqualTo(first.completedOn());
            for (JobRun job : List.of(first, second)) {
                assertThat(job.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
                List<String> arguments = argumentsOf(job.id());
                assertThat(argument(arguments, "--WORKFLOW_NAME")).isEqualTo(chain.workflow);
                assertThat(argument(arguments, "--WORKFLOW_RUN_ID")).isEqualTo(runId);
            }
            assertThat(argument(argumentsOf(first.id()), "--stage")).isEqualTo("one");
            assertThat(argument(argumentsOf(second.id()), "--stage")).isEqualTo("two");
            assertThat(node(run, NodeType.CRAWLER, chain.crawler).crawlerDetails().crawls()).singleElement()
                    .satisfies(crawl -> assertThat(crawl.stateAsString()).isEqualTo("SUCCEEDED"));
            assertThat(glue.getTables(r -> r.databaseName("lake")).tableList()).extracting(t -> t.name())
                    .anyMatch(table -> table.startsWith(chain.crawler.toLowerCase(java.util.Locale.ROOT) + "_"));

            assertThat(glue.getWorkflow(r -> r.name(chain.workflow)).workflow().lastRun().workflowRunId())
                    .isEqualTo(runId);
            assertThat(glue.getWorkflowRuns(r -> r.name(chain.workflow)).runs()).extracting(WorkflowRun::workflowRunId)
                    .containsExactly(runId);
            assertThat(glue.getJobRuns(r -> r.jobName(chain.second)).jobRuns()).as("each node ran once").hasSize(1);
        }

        @Test
        void aFailedNodeCompletesTheRunWithFailedActionsAndResumeRerunsItAndWhatFollows() throws Exception {
            Chain chain = chain(Map.of("--protocol-outcome", "FAILED"));
            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow)).runId();

            WorkflowRun failed = awaitRun(chain.workflow, runId, WorkflowRunStatus.COMPLETED);
            assertThat(failed.statistics().totalActions()).isEqualTo(1);
            assertThat(failed.statistics().failedActions()).isEqualTo(1);
            assertThat(node(failed, NodeType.JOB, chain.second).jobDetails()).as("never reached").isNull();
            String firstNode = node(failed, NodeType.JOB, chain.first).uniqueId();
            String secondNode = node(failed, NodeType.JOB, chain.second).uniqueId();

            assertThatThrownBy(() -> glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId)
                    .nodeIds(secondNode))).isInstanceOf(IllegalWorkflowStateException.class)
                    .hasMessageContaining(chain.second);
            assertThatThrownBy(() -> glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId)
                    .nodeIds("wnode_nope"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("NodeIds");
            String startNode = node(failed, NodeType.TRIGGER, chain.start).uniqueId();
            assertThatThrownBy(() -> glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId)
                    .nodeIds(startNode))).isInstanceOf(InvalidInputException.class).hasMessageContaining(chain.start);

            // The fix: the start trigger's action no longer asks the job to fail.
            glue.updateTrigger(r -> r.name(chain.start).triggerUpdate(u -> u.actions(runs(chain.first,
                    Map.of("--stage", "one")))));
            ResumeWorkflowRunResponse resumed = glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId)
                    .nodeIds(firstNode));

            assertThat(resumed.runId()).isNotEqualTo(runId).matches("wr_[0-9a-f]{64}");
            assertThat(resumed.nodeIds()).containsExactly(firstNode);
            WorkflowRun rerun = awaitRun(chain.workflow, resumed.runId(), WorkflowRunStatus.COMPLETED);
            assertThat(rerun.previousRunId()).isEqualTo(runId);
            assertThat(rerun.statistics().succeededActions()).isEqualTo(3);
            assertThat(rerun.statistics().failedActions()).isZero();
            assertThat(glue.getJobRuns(r -> r.jobName(chain.first)).jobRuns()).extracting(JobRun::jobRunState)
                    .containsExactlyInAnyOrder(JobRunState.FAILED, JobRunState.SUCCEEDED);
            assertThatThrownBy(() -> glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId("wr_missing")
                    .nodeIds(firstNode))).isInstanceOf(EntityNotFoundException.class);
        }

        @Test
        void resumingFromAnUpstreamNodeDropsTheChosenNodesBelowIt() throws Exception {
            Chain chain = chain(Map.of());
            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow)).runId();
            WorkflowRun done = awaitRun(chain.workflow, runId, WorkflowRunStatus.COMPLETED);
            String firstNode = node(done, NodeType.JOB, chain.first).uniqueId();
            String crawlerNode = node(done, NodeType.CRAWLER, chain.crawler).uniqueId();

            ResumeWorkflowRunResponse resumed = glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId)
                    .nodeIds(crawlerNode, firstNode));

            assertThat(resumed.nodeIds()).containsExactly(firstNode);
            WorkflowRun rerun = awaitRun(chain.workflow, resumed.runId(), WorkflowRunStatus.COMPLETED);
            assertThat(rerun.statistics().totalActions()).isEqualTo(3);
            assertThat(glue.getJobRuns(r -> r.jobName(chain.second)).jobRuns()).hasSize(2);
        }

        @Test
        void aResumeOfTheLastNodeCarriesTheRestOver() throws Exception {
            Chain chain = chain(Map.of());
            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow)).runId();
            WorkflowRun done = awaitRun(chain.workflow, runId, WorkflowRunStatus.COMPLETED);
            String secondNode = node(done, NodeType.JOB, chain.second).uniqueId();

            String rerunId = glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId).nodeIds(secondNode))
                    .runId();

            WorkflowRun rerun = awaitRun(chain.workflow, rerunId, WorkflowRunStatus.COMPLETED);
            assertThat(glue.getJobRuns(r -> r.jobName(chain.first)).jobRuns()).as("upstream carried over").hasSize(1);
            assertThat(glue.getJobRuns(r -> r.jobName(chain.second)).jobRuns()).hasSize(2);
            assertThat(node(rerun, NodeType.JOB, chain.first).jobDetails().jobRuns()).extracting(JobRun::id)
                    .containsExactlyElementsOf(node(done, NodeType.JOB, chain.first).jobDetails().jobRuns().stream()
                            .map(JobRun::id).toList());
        }

        @Test
        void stoppingARunStopsWhatItRunsAndARunOverCannotBeStopped() throws Exception {
            Chain chain = chain(Map.of("--protocol-seconds", "30"));
            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow)).runId();
            await(() -> Optional.of(glue.getJobRuns(r -> r.jobName(chain.first)).jobRuns())
                    .filter(runs -> !runs.isEmpty() && runs.get(0).jobRunState() == JobRunState.RUNNING),
                    "the first job running");

            glue.stopWorkflowRun(r -> r.name(chain.workflow).runId(runId));

            WorkflowRun stopped = awaitRun(chain.workflow, runId, WorkflowRunStatus.STOPPED);
            assertThat(stopped.statistics().stoppedActions()).isEqualTo(1);
            assertThat(glue.getJobRuns(r -> r.jobName(chain.second)).jobRuns()).isEmpty();
            assertThatThrownBy(() -> glue.stopWorkflowRun(r -> r.name(chain.workflow).runId(runId)))
                    .isInstanceOf(IllegalWorkflowStateException.class).hasMessageContaining("STOPPED");
            assertThatThrownBy(() -> glue.resumeWorkflowRun(r -> r.name(chain.workflow).runId(runId)
                    .nodeIds("wnode_x"))).isInstanceOf(IllegalWorkflowStateException.class)
                    .hasMessageContaining("COMPLETED");
        }

        @Test
        void runPropertiesMergeAndMissingRunsAndWorkflowsAreNotFound() throws Exception {
            Chain chain = chain(Map.of("--protocol-seconds", "5"));
            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow).runProperties(Map.of("extra", "x")))
                    .runId();

            glue.putWorkflowRunProperties(r -> r.name(chain.workflow).runId(runId)
                    .runProperties(Map.of("mode", "delta", "rows", "10")));

            assertThat(glue.getWorkflowRunProperties(r -> r.name(chain.workflow).runId(runId)).runProperties())
                    .isEqualTo(Map.of("day", "1", "mode", "delta", "extra", "x", "rows", "10"));
            assertThatThrownBy(() -> glue.getWorkflowRunProperties(r -> r.name(chain.workflow).runId("wr_nope")))
                    .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("wr_nope");
            assertThatThrownBy(() -> glue.putWorkflowRunProperties(r -> r.name(chain.workflow).runId("wr_nope")
                    .runProperties(Map.of("a", "b")))).isInstanceOf(EntityNotFoundException.class);
            assertThatThrownBy(() -> glue.startWorkflowRun(r -> r.name(chain.workflow + "_missing")))
                    .isInstanceOf(EntityNotFoundException.class).hasMessageContaining(chain.workflow + "_missing");
            assertThatThrownBy(() -> glue.getWorkflowRun(r -> r.name(chain.workflow).runId("wr_nope")))
                    .isInstanceOf(EntityNotFoundException.class);
            assertThatThrownBy(() -> glue.getWorkflowRuns(r -> r.name(chain.workflow + "_missing")))
                    .isInstanceOf(EntityNotFoundException.class);
            glue.stopWorkflowRun(r -> r.name(chain.workflow).runId(runId));
            awaitRun(chain.workflow, runId, WorkflowRunStatus.STOPPED);
        }

        @Test
        void aWorkflowAtItsMaxConcurrentRunsRefusesAnotherStart() throws Exception {
            Chain chain = chain(Map.of("--protocol-seconds", "5"));
            glue.updateWorkflow(r -> r.name(chain.workflow).maxConcurrentRuns(1));
            String runId = glue.startWorkflowRun(r -> r.name(chain.workflow)).runId();

            assertThatThrownBy(() -> glue.startWorkflowRun(r -> r.name(chain.workflow)))
                    .isInstanceOf(ConcurrentRunsExceededException.class).hasMessageContaining(chain.workflow);
            assertThatThrownBy(() -> glue.startTrigger(r -> r.name(chain.start)))
                    .isInstanceOf(ConcurrentRunsExceededException.class);
            assertThat(glue.getWorkflowRuns(r -> r.name(chain.workflow)).runs()).hasSize(1);
            glue.stopWorkflowRun(r -> r.name(chain.workflow).runId(runId));
            awaitRun(chain.workflow, runId, WorkflowRunStatus.STOPPED);
            String next = glue.startWorkflowRun(r -> r.name(chain.workflow)).runId();
            assertThat(next).isNotEqualTo(runId);
        }

        @Test
        void startTriggerOfAWorkflowsOnDemandTriggerStartsARun() throws Exception {
            Chain chain = chain(Map.of());

            glue.startTrigger(r -> r.name(chain.start));

            String runId = await(() -> glue.getWorkflowRuns(r -> r.name(chain.workflow)).runs().stream().findFirst()
                    .map(WorkflowRun::workflowRunId), "a run of " + chain.workflow);
            assertThat(awaitRun(chain.workflow, runId, WorkflowRunStatus.COMPLETED).statistics().succeededActions())
                    .isEqualTo(3);
        }

        @Test
        void triggersOutsideWorkflowsStartJobsOnDemandAndReactToEveryRunsEnd() throws Exception {
            String upstream = job(name("up"));
            String downstream = job(name("down"));
            String other = job(name("other"));
            String onDemand = name("now");
            String reaction = name("after");
            glue.createTrigger(r -> r.name(onDemand).type("ON_DEMAND").actions(runs(upstream, Map.of("--x", "1"))));
            glue.createTrigger(r -> r.name(reaction).type("CONDITIONAL").startOnCreation(true)
                    .predicate(Predicate.builder().logical(Logical.ANY).conditions(succeeded(upstream),
                            succeeded(other)).build())
                    .actions(runs(downstream, Map.of())));

            glue.startTrigger(r -> r.name(onDemand));

            JobRun up = await(() -> glue.getJobRuns(r -> r.jobName(upstream)).jobRuns().stream().findFirst(),
                    "a run of " + upstream);
            assertThat(up.triggerName()).isEqualTo(onDemand);
            assertThat(up.arguments()).containsEntry("--x", "1");
            JobRun down = await(() -> glue.getJobRuns(r -> r.jobName(downstream)).jobRuns().stream()
                    .filter(run -> run.jobRunState() == JobRunState.SUCCEEDED).findFirst(), "a run of " + downstream);
            assertThat(down.triggerName()).isEqualTo(reaction);
            assertThat(down.startedOn()).isAfterOrEqualTo(glue.getJobRun(r -> r.jobName(upstream).runId(up.id()))
                    .jobRun().completedOn());

            // A run no trigger started counts too (Glue's ignore it): one more end, one more reaction.
            glue.startJobRun(r -> r.jobName(other));
            await(() -> Optional.of(glue.getJobRuns(r -> r.jobName(downstream)).jobRuns())
                    .filter(runs -> runs.size() == 2 && runs.stream().allMatch(run -> run.jobRunState()
                            == JobRunState.SUCCEEDED)), "a second run of " + downstream);
            Thread.sleep(1500); // a reaction fired twice would show within the orchestration's settle period
            assertThat(glue.getJobRuns(r -> r.jobName(downstream)).jobRuns()).as("once per end").hasSize(2);
        }
    }
}
