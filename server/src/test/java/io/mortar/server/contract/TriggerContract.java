package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.CreateTriggerRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTriggersResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.ListTriggersResponse;
import software.amazon.awssdk.services.glue.model.Predicate;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerState;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.TriggerUpdate;

/**
 * Trigger definitions through the SDK: every operation, Glue's validation with messages naming the field, paging,
 * tags, GetTriggers/ListTriggers by DependentJobName, activation and deactivation, update as a full overwrite, and
 * the jobs and crawlers the store indexes for each trigger.
 */
abstract class TriggerContract extends ContractGroup {
    TriggerContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    private String newJob() {
        String name = unique("trigjob");
        glue.createJob(r -> r.name(name).role("mortar").command(c -> c.name("glueetl").scriptLocation("s3://b/j.py")));
        return name;
    }

    private String newCrawler() {
        String name = unique("trigcrawler");
        glue.createCrawler(r -> r.name(name).role("mortar").databaseName("db")
                .targets(t -> t.s3Targets(s -> s.path("s3://b/p"))));
        return name;
    }

    private static Action job(String name) {
        return Action.builder().jobName(name).build();
    }

    private static Condition jobSucceeded(String job) {
        return Condition.builder().logicalOperator("EQUALS").jobName(job).state("SUCCEEDED").build();
    }

    private CreateTriggerRequest.Builder scheduled(String name, String job) {
        return CreateTriggerRequest.builder().name(name).type(TriggerType.SCHEDULED).schedule("cron(0 12 * * ? *)")
                .actions(job(job));
    }

    private String invalid(CreateTriggerRequest request) {
        return message(expectError(InvalidInputException.class, () -> glue.createTrigger(request)));
    }

    private StoredTrigger stored(String name) {
        return server.server().stores().triggers().get(name).orElseThrow();
    }

    @Test
    void createdTriggersAnswerTheirDefinitionAndState() {
        String job = newJob();
        String watched = newJob();
        String crawler = newCrawler();
        String name = unique("cond");
        Predicate predicate = Predicate.builder().logical("AND").conditions(jobSucceeded(watched),
                Condition.builder().logicalOperator("EQUALS").crawlerName(crawler).crawlState("SUCCEEDED").build())
                .build();
        Action action = Action.builder().jobName(job).arguments(Map.of("--day", "1")).timeout(30).build();
        assertThat(glue.createTrigger(r -> r.name(name).type(TriggerType.CONDITIONAL).description("after both")
                .predicate(predicate).actions(action, Action.builder().crawlerName(crawler).build())).name())
                .isEqualTo(name);

        Trigger trigger = glue.getTrigger(r -> r.name(name)).trigger();
        assertThat(trigger.name()).isEqualTo(name);
        assertThat(trigger.type()).isEqualTo(TriggerType.CONDITIONAL);
        assertThat(trigger.state()).isEqualTo(TriggerState.CREATED);
        assertThat(trigger.description()).isEqualTo("after both");
        assertThat(trigger.predicate()).isEqualTo(predicate);
        assertThat(trigger.actions()).containsExactly(action, Action.builder().crawlerName(crawler).build());
        assertThat(stored(name).starts()).containsExactlyInAnyOrder(new Ref(Kind.JOB, job),
                new Ref(Kind.CRAWLER, crawler));
        assertThat(stored(name).watches()).containsExactlyInAnyOrder(new Ref(Kind.JOB, watched),
                new Ref(Kind.CRAWLER, crawler));

        String started = unique("sched");
        glue.createTrigger(scheduled(started, job).startOnCreation(true).build());
        assertThat(glue.getTrigger(r -> r.name(started)).trigger().state()).isEqualTo(TriggerState.ACTIVATED);
        assertThat(glue.getTrigger(r -> r.name(started)).trigger().schedule()).isEqualTo("cron(0 12 * * ? *)");

        String event = unique("event");
        glue.createTrigger(r -> r.name(event).type(TriggerType.EVENT).actions(job(job))
                .eventBatchingCondition(b -> b.batchSize(10).batchWindow(60)));
        Trigger eventTrigger = glue.getTrigger(r -> r.name(event)).trigger();
        assertThat(eventTrigger.eventBatchingCondition().batchSize()).isEqualTo(10);
        assertThat(eventTrigger.eventBatchingCondition().batchWindow()).isEqualTo(60);

        String onDemand = unique("ondemand");
        glue.createTrigger(r -> r.name(onDemand).type(TriggerType.ON_DEMAND).actions(job(job)));
        assertThat(glue.getTrigger(r -> r.name(onDemand)).trigger().state()).isEqualTo(TriggerState.CREATED);

        expectError(AlreadyExistsException.class,
                () -> glue.createTrigger(scheduled(name, job).build()));
    }

    @Test
    void schedulesMayFireEveryMinuteButMustBeGlueCron() {
        String job = newJob();
        String name = unique("everyminute");
        glue.createTrigger(scheduled(name, job).schedule("cron(* * * * ? *)").build());
        assertThat(glue.getTrigger(r -> r.name(name)).trigger().schedule()).isEqualTo("cron(* * * * ? *)");

        assertThat(invalid(scheduled(unique("t"), job).schedule(null).build())).startsWith("Schedule is required");
        assertThat(invalid(scheduled(unique("t"), job).schedule("0 12 * * *").build())).startsWith("Schedule ")
                .contains("cron(");
        assertThat(invalid(scheduled(unique("t"), job).schedule("cron(0 12 * * * *)").build())).startsWith("Schedule ");
    }

    @Test
    void invalidDefinitionsAreRefusedNamingTheField() {
        String job = newJob();
        String crawler = newCrawler();
        // Type is required by the service model, checked (with Glue's own message) before the trigger rules.
        assertThat(invalid(CreateTriggerRequest.builder().name(unique("t")).actions(job(job)).build()))
                .contains("'type'", "must not be null");
        assertThat(invalid(CreateTriggerRequest.builder().name(unique("t")).type("HOURLY").actions(job(job)).build()))
                .contains("'type'", "SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT");

        // ON_DEMAND: no StartOnCreation, no Schedule.
        CreateTriggerRequest.Builder onDemand = CreateTriggerRequest.builder().name(unique("t"))
                .type(TriggerType.ON_DEMAND).actions(job(job));
        assertThat(invalid(onDemand.copy().startOnCreation(true).build())).startsWith("StartOnCreation");
        assertThat(invalid(onDemand.copy().schedule("cron(0 12 * * ? *)").build())).startsWith("Schedule");
        assertThat(invalid(onDemand.copy().eventBatchingCondition(b -> b.batchSize(1)).build()))
                .startsWith("EventBatchingCondition");
        assertThat(invalid(onDemand.copy().predicate(p -> p.conditions(jobSucceeded(job))).build()))
                .startsWith("Predicate");

        // CONDITIONAL: a predicate with well-formed conditions, Logical when there are several.
        CreateTriggerRequest.Builder conditional = CreateTriggerRequest.builder().name(unique("t"))
                .type(TriggerType.CONDITIONAL).actions(job(job));
        assertThat(invalid(conditional.copy().build())).startsWith("Predicate.Conditions");
        assertThat(invalid(conditional.copy().predicate(p -> p.logical("AND")).build()))
                .startsWith("Predicate.Conditions");
        assertThat(invalid(conditional.copy().predicate(p -> p.conditions(jobSucceeded(job), jobSucceeded(job)))
                .build())).startsWith("Predicate.Logical");
        assertThat(invalid(conditional.copy().predicate(p -> p.conditions(Condition.builder().jobName(job).build()))
                .build())).startsWith("Predicate.Conditions[0].State");
        assertThat(invalid(conditional.copy().predicate(p -> p.conditions(Condition.builder().crawlerName(crawler)
                .build())).build())).startsWith("Predicate.Conditions[0].CrawlState");
        assertThat(invalid(conditional.copy().predicate(p -> p.logical("ANY").conditions(jobSucceeded(job),
                Condition.builder().state("FAILED").build())).build())).startsWith("Predicate.Conditions[1]")
                .contains("exactly one of JobName and CrawlerName");
        assertThat(invalid(conditional.copy().predicate(p -> p.conditions(Condition.builder().jobName(job)
                .state("SUCCEEDED").crawlerName(crawler).crawlState("SUCCEEDED").build())).build()))
                .startsWith("Predicate.Conditions[0]");

        List<Condition> tooMany = new ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            tooMany.add(jobSucceeded(job));
        }
        assertThat(invalid(conditional.copy().predicate(p -> p.logical("AND").conditions(tooMany)).build()))
                .contains("'predicate.conditions'", "less than or equal to 500"); // the service model's check
        assertThat(invalid(conditional.copy().predicate(p -> p.logical("SOME").conditions(jobSucceeded(job),
                jobSucceeded(job))).build())).contains("'predicate.logical'", "SOME");
        assertThat(invalid(conditional.copy().predicate(p -> p.conditions(Condition.builder().logicalOperator("LESS")
                .jobName(job).state("SUCCEEDED").build())).build()))
                .contains("'predicate.conditions.1.member.logicalOperator'", "LESS");
        assertThat(invalid(conditional.copy().predicate(p -> p.conditions(jobSucceeded(job)))
                .schedule("cron(0 12 * * ? *)").build())).startsWith("Schedule is only for SCHEDULED");

        // Actions: at least one, each exactly one of JobName and CrawlerName.
        assertThat(invalid(scheduled(unique("t"), job).actions(List.of()).build())).startsWith("Actions");
        assertThat(invalid(scheduled(unique("t"), job).actions(Action.builder().build()).build()))
                .startsWith("Actions[0]");
        assertThat(invalid(scheduled(unique("t"), job).actions(job(job),
                Action.builder().jobName(job).crawlerName(crawler).build()).build())).startsWith("Actions[1]");
        assertThat(invalid(scheduled(unique("t"), job).actions(Action.builder().jobName(job).timeout(0).build())
                .build())).contains("'actions.1.member.timeout'"); // the service model's check, in Glue's words

        // EVENT: BatchSize 1..100, BatchWindow 1..900 (the service model's ranges, in Glue's words).
        CreateTriggerRequest.Builder event = CreateTriggerRequest.builder().name(unique("t")).type(TriggerType.EVENT)
                .actions(job(job));
        for (int size : new int[] {0, 101}) {
            assertThat(invalid(event.copy().eventBatchingCondition(b -> b.batchSize(size)).build()))
                    .contains("'eventBatchingCondition.batchSize'", "Value " + size);
        }
        for (int window : new int[] {0, 901}) {
            assertThat(invalid(event.copy().eventBatchingCondition(b -> b.batchSize(5).batchWindow(window)).build()))
                    .contains("'eventBatchingCondition.batchWindow'", "Value " + window);
        }
        assertThat(glue.createTrigger(event.copy().eventBatchingCondition(b -> b.batchSize(100).batchWindow(900))
                .build()).name()).isNotEmpty();
    }

    @Test
    void aTriggerJoinsAWorkflowThatExistsAndAppearsInItsGraph() {
        String job = newJob();
        String missing = unique("noflow");
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.createTrigger(scheduled(unique("t"),
                job).workflowName(missing).build())))).startsWith("WorkflowName").contains(missing);

        String workflow = glue.createWorkflow(r -> r.name(unique("flow"))).name();
        String name = glue.createTrigger(scheduled(unique("t"), job).workflowName(workflow).build()).name();
        assertThat(glue.getTrigger(r -> r.name(name)).trigger().workflowName()).isEqualTo(workflow);
        assertThat(glue.getWorkflow(r -> r.name(workflow).includeGraph(true)).workflow().graph().nodes())
                .extracting(node -> node.name()).containsExactlyInAnyOrder(name, job);
    }

    @Test
    void actionsMustNameJobsAndCrawlersThatExist() {
        String job = newJob();
        String missingJob = unique("nojob");
        String missingCrawler = unique("nocrawler");
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.createTrigger(scheduled(unique("t"),
                job).actions(job(job), job(missingJob)).build())))).startsWith("Actions[1].JobName").contains(missingJob);
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.createTrigger(scheduled(unique("t"),
                job).actions(Action.builder().crawlerName(missingCrawler).build()).build()))))
                .startsWith("Actions[0].CrawlerName").contains(missingCrawler);
    }

    @Test
    void moreThanTwoCrawlersMayBeStartedByOneTrigger() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            actions.add(Action.builder().crawlerName(newCrawler()).build());
        }
        String name = unique("crawls");
        glue.createTrigger(r -> r.name(name).type(TriggerType.ON_DEMAND).actions(actions));
        assertThat(glue.getTrigger(r -> r.name(name)).trigger().actions()).isEqualTo(actions);
    }

    @Test
    void missingTriggersAreEntityNotFoundAndDeleteAnswersTheName() {
        String missing = unique("missing");
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.getTrigger(r -> r.name(missing)))))
                .contains(missing);
        expectError(EntityNotFoundException.class, () -> glue.updateTrigger(r -> r.name(missing)
                .triggerUpdate(u -> u.actions(job(newJob())))));
        expectError(EntityNotFoundException.class, () -> glue.startTrigger(r -> r.name(missing)));
        expectError(EntityNotFoundException.class, () -> glue.stopTrigger(r -> r.name(missing)));
        assertThat(glue.deleteTrigger(r -> r.name(missing)).name()).isEqualTo(missing);

        String job = newJob();
        String name = unique("gone");
        glue.createTrigger(scheduled(name, job).build());
        assertThat(glue.deleteTrigger(r -> r.name(name)).name()).isEqualTo(name);
        expectError(EntityNotFoundException.class, () -> glue.getTrigger(r -> r.name(name)));
        assertThat(server.server().stores().triggers().get(name)).isEmpty();
    }

    @Test
    void startAndStopActivateAndDeactivate() {
        String job = newJob();
        String name = unique("sched");
        glue.createTrigger(scheduled(name, job).build());
        Consumer<TriggerState> expect = state ->
                assertThat(glue.getTrigger(r -> r.name(name)).trigger().state()).isEqualTo(state);
        expect.accept(TriggerState.CREATED);
        assertThat(glue.startTrigger(r -> r.name(name)).name()).isEqualTo(name);
        expect.accept(TriggerState.ACTIVATED);
        glue.startTrigger(r -> r.name(name));
        expect.accept(TriggerState.ACTIVATED);
        assertThat(glue.stopTrigger(r -> r.name(name)).name()).isEqualTo(name);
        expect.accept(TriggerState.DEACTIVATED);
        glue.startTrigger(r -> r.name(name));
        expect.accept(TriggerState.ACTIVATED);
        assertThat(server.server().stores().triggers().withTypeAndState("SCHEDULED", "ACTIVATED"))
                .extracting(StoredTrigger::name).contains(name);

        String onDemand = unique("ondemand");
        glue.createTrigger(r -> r.name(onDemand).type(TriggerType.ON_DEMAND).actions(job(job)));
        assertThat(message(expectError(InvalidInputException.class, () -> glue.stopTrigger(r -> r.name(onDemand)))))
                .contains(onDemand, "ON_DEMAND");
        assertThat(glue.startTrigger(r -> r.name(onDemand)).name()).isEqualTo(onDemand);
        assertThat(glue.getTrigger(r -> r.name(onDemand)).trigger().state()).isEqualTo(TriggerState.CREATED);
        var fired = glue.getJobRuns(r -> r.jobName(job)).jobRuns();
        assertThat(fired).as("StartTrigger fired it").singleElement()
                .satisfies(run -> assertThat(run.triggerName()).isEqualTo(onDemand));
        glue.batchStopJobRun(r -> r.jobName(job).jobRunIds(fired.get(0).id())); // the run itself is not the point
    }

    @Test
    void updateOverwritesEveryUpdatableField() {
        String first = newJob();
        String second = newJob();
        String name = unique("cond");
        glue.createTrigger(r -> r.name(name).type(TriggerType.CONDITIONAL).description("old")
                .predicate(p -> p.conditions(jobSucceeded(first))).actions(job(second)).startOnCreation(true));
        Predicate replaced = Predicate.builder().conditions(Condition.builder().logicalOperator("EQUALS")
                .jobName(second).state("FAILED").build()).build();

        Trigger updated = glue.updateTrigger(r -> r.name(name).triggerUpdate(u -> u.predicate(replaced)
                .actions(job(first)))).trigger();

        assertThat(updated.description()).as("absent from the update: removed").isNull();
        assertThat(updated.predicate()).isEqualTo(replaced);
        assertThat(updated.actions()).containsExactly(job(first));
        assertThat(updated.state()).as("the state stays").isEqualTo(TriggerState.ACTIVATED);
        assertThat(updated.type()).isEqualTo(TriggerType.CONDITIONAL);
        assertThat(glue.getTrigger(r -> r.name(name)).trigger()).isEqualTo(updated);
        assertThat(stored(name).starts()).containsExactly(new Ref(Kind.JOB, first));
        assertThat(stored(name).watches()).containsExactly(new Ref(Kind.JOB, second));

        // The update is checked as a definition: a CONDITIONAL trigger cannot lose its predicate.
        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateTrigger(r -> r.name(name)
                .triggerUpdate(u -> u.actions(job(first))))))).startsWith("Predicate.Conditions");
        assertThat(message(expectError(EntityNotFoundException.class, () -> glue.updateTrigger(r -> r.name(name)
                .triggerUpdate(u -> u.predicate(replaced).actions(job("nojob_" + name)))))))
                .startsWith("Actions[0].JobName");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateTrigger(r -> r.name(name)
                .triggerUpdate(u -> u.name("other").predicate(replaced).actions(job(first)))))))
                .contains("TriggerUpdate.Name");
        assertThat(glue.getTrigger(r -> r.name(name)).trigger()).as("refused updates change nothing")
                .isEqualTo(updated);

        String scheduledName = unique("sched");
        glue.createTrigger(scheduled(scheduledName, first).build());
        assertThat(glue.updateTrigger(r -> r.name(scheduledName).triggerUpdate(u -> u.schedule("cron(5 * * * ? *)")
                .actions(job(second)))).trigger().schedule()).isEqualTo("cron(5 * * * ? *)");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateTrigger(r -> r
                .name(scheduledName).triggerUpdate(u -> u.actions(job(second))))))).startsWith("Schedule is required");
    }

    @Test
    void getTriggersByDependentJobAnswersOnlyTheTriggersStartingIt() {
        String job = newJob();
        String other = newJob();
        String unstarted = newJob();
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        glue.createTrigger(scheduled(a, job).build());
        glue.createTrigger(scheduled(b, other).actions(job(other), job(job)).build());
        glue.createTrigger(scheduled(c, other).build());

        assertThat(glue.getTriggers(r -> r.dependentJobName(job)).triggers()).extracting(Trigger::name)
                .containsExactlyInAnyOrder(a, b);
        assertThat(glue.listTriggers(r -> r.dependentJobName(job)).triggerNames()).containsExactlyInAnyOrder(a, b);
        assertThat(glue.getTriggers(r -> r.dependentJobName(unstarted)).triggers()).isEmpty();
        assertThat(glue.listTriggers(r -> r.dependentJobName(unstarted)).triggerNames()).isEmpty();
    }

    @Test
    void listingsPageByNextToken() {
        String job = newJob();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = unique("page");
            glue.createTrigger(scheduled(name, job).build());
            names.add(name);
        }
        List<String> byGet = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetTriggersResponse page = glue.getTriggers(r -> r.dependentJobName(job).maxResults(2).nextToken(next));
            assertThat(page.triggers()).hasSizeLessThanOrEqualTo(2);
            page.triggers().forEach(t -> byGet.add(t.name()));
            token = page.nextToken();
        } while (token != null);
        assertThat(byGet).containsExactlyInAnyOrderElementsOf(names);

        List<String> byList = new ArrayList<>();
        token = null;
        int pages = 0;
        do {
            String next = token;
            ListTriggersResponse page = glue.listTriggers(r -> r.maxResults(2).nextToken(next));
            assertThat(page.triggerNames()).hasSizeLessThanOrEqualTo(2);
            byList.addAll(page.triggerNames());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(byList).containsAll(names).isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        expectError(InvalidInputException.class, () -> glue.listTriggers(r -> r.nextToken("forged")));
    }

    @Test
    void tagsAreKeptUnderTheTriggersArnAndFilterListTriggers() {
        String job = newJob();
        String tagged = unique("tagged");
        String plain = unique("plain");
        String team = unique("team");
        glue.createTrigger(scheduled(tagged, job).tags(Map.of("team", team)).build());
        glue.createTrigger(scheduled(plain, job).build());
        String arn = ARN_PREFIX + "trigger/" + tagged;

        assertThat(glue.getTags(r -> r.resourceArn(arn)).tags()).isEqualTo(Map.of("team", team));
        assertThat(glue.listTriggers(r -> r.tags(Map.of("team", team))).triggerNames()).containsExactly(tagged);
        glue.tagResource(r -> r.resourceArn(ARN_PREFIX + "trigger/" + plain).tagsToAdd(Map.of("team", team)));
        assertThat(glue.listTriggers(r -> r.tags(Map.of("team", team))).triggerNames())
                .containsExactlyInAnyOrder(tagged, plain);
        assertThat(glue.listTriggers(r -> r.tags(Map.of("team", team)).dependentJobName(newJob())).triggerNames())
                .isEmpty();

        glue.deleteTrigger(r -> r.name(tagged));
        expectError(EntityNotFoundException.class, () -> glue.getTags(r -> r.resourceArn(arn)));
    }

    @Test
    void batchGetAnswersFoundAndNotFound() {
        String job = newJob();
        String name = unique("batch");
        String missing = unique("missing");
        glue.createTrigger(scheduled(name, job).build());
        var response = glue.batchGetTriggers(r -> r.triggerNames(name, missing));
        assertThat(response.triggers()).extracting(Trigger::name).containsExactly(name);
        assertThat(response.triggersNotFound()).containsExactly(missing);
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.batchGetTriggers(r -> r.triggerNames(List.of()))))).startsWith("TriggerNames");
    }
}
