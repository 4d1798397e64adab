package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.jdbc.testing.StoreContract;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.StoredTrigger.Kind;
import io.mortar.store.triggers.StoredTrigger.Ref;
import io.mortar.store.triggers.TriggerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TriggerStore}: definitions with the jobs and crawlers they start and watch, the lookups the
 * API and the scheduler make by them, tags, deletion, and firings claimed exactly once however many claim them.
 */
class TriggerStoreContractTest extends StoreContract {
    private static final String ARN_PREFIX = "arn:aws:glue:us-east-1:123456789012:trigger/";

    private TriggerStore triggers() {
        return stores().triggers();
    }

    private static String arn(String trigger) {
        return ARN_PREFIX + trigger;
    }

    private static Ref job(String name) {
        return new Ref(Kind.JOB, name);
    }

    private static Ref crawler(String name) {
        return new Ref(Kind.CRAWLER, name);
    }

    private static StoredTrigger trigger(String name, String workflow, String type, String state, Set<Ref> starts,
                                         Set<Ref> watches) {
        return new StoredTrigger(name, workflow, type, state, "{\"Name\":\"" + name + "\"}", starts, watches, T0,
                at(1));
    }

    private StoredTrigger create(StoredTrigger trigger) {
        triggers().create(trigger, arn(trigger.name()), Map.of());
        return trigger;
    }

    @Test
    void aCreatedTriggerReadsBackWithWhatItStartsAndWatchesAndItsTags() {
        String name = unique("trigger");
        String job = unique("job");
        StoredTrigger trigger = trigger(name, "nightly", "CONDITIONAL", "ACTIVATED",
                Set.of(job(job), crawler(unique("crawler"))), Set.of(job(unique("upstream"))));

        triggers().create(trigger, arn(name), Map.of("team", "data"));

        assertThat(triggers().get(name)).contains(trigger);
        assertThat(stores().catalog().getTags(arn(name))).isEqualTo(Map.of("team", "data"));
        assertThat(triggers().get(name + "_other")).isEmpty();
    }

    @Test
    void creatingATakenNameFailsAndChangesNothing() {
        StoredTrigger first = create(trigger(unique("trigger"), null, "ON_DEMAND", "CREATED",
                Set.of(job(unique("job"))), Set.of()));
        StoredTrigger second = trigger(first.name(), "other", "SCHEDULED", "ACTIVATED", Set.of(job("intruder")),
                Set.of());

        assertGlueError(GlueErrorCode.ALREADY_EXISTS, () -> triggers().create(second, arn(first.name()), Map.of()));

        assertThat(triggers().get(first.name())).contains(first);
        assertThat(triggers().starting("intruder", null, 10).items()).isEmpty();
    }

    @Test
    void triggersAreFoundByTheJobsTheyStartTheRunsTheyWatchTheirWorkflowAndTheirState() {
        String job = unique("job");
        String upstream = unique("upstream");
        String crawl = unique("crawler");
        String workflow = unique("workflow");
        StoredTrigger a = create(trigger(unique("a"), workflow, "SCHEDULED", "ACTIVATED", Set.of(job(job)),
                Set.of()));
        StoredTrigger b = create(trigger(unique("b"), workflow, "CONDITIONAL", "ACTIVATED", Set.of(job(job)),
                Set.of(job(upstream), crawler(crawl))));
        StoredTrigger c = create(trigger(unique("c"), null, "CONDITIONAL", "DEACTIVATED", Set.of(crawler(job)),
                Set.of(crawler(crawl))));

        assertThat(triggers().starting(job, null, 10).items()).containsExactly(a, b); // c starts a crawler so named
        assertThat(triggers().watching(job(upstream))).containsExactly(b);
        assertThat(triggers().watching(crawler(crawl))).containsExactly(b, c);
        assertThat(triggers().watching(crawler(upstream))).isEmpty();
        assertThat(triggers().inWorkflow(workflow)).containsExactly(a, b);
        assertThat(triggers().withTypeAndState("SCHEDULED", "ACTIVATED")).contains(a).doesNotContain(b, c);
        assertThat(triggers().withTypeAndState("CONDITIONAL", "DEACTIVATED")).contains(c).doesNotContain(a, b);
    }

    @Test
    void listingPagesInNameOrderAndFiltersByTags() {
        String prefix = unique("page");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = prefix + "_" + i;
            names.add(name);
            triggers().create(trigger(name, null, "ON_DEMAND", "CREATED", Set.of(job("j" + i)), Set.of()), arn(name),
                    i % 2 == 0 ? Map.of("even", "yes", "page", prefix) : Map.of("page", prefix));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredTrigger> page = triggers().listTriggers(cursor, 2, Map.of("page", prefix), ARN_PREFIX);
            page.items().forEach(t -> seen.add(t.name()));
            assertThat(page.items()).allSatisfy(t -> assertThat(t.starts()).hasSize(1));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(triggers().listTriggers(null, 10, Map.of("page", prefix, "even", "yes"), ARN_PREFIX).items())
                .extracting(StoredTrigger::name).containsExactly(names.get(0), names.get(2), names.get(4));
    }

    @Test
    void aChangeReplacesTheDefinitionAndItsReferencesAndARefusedChangeWritesNothing() {
        String name = unique("trigger");
        String before = unique("job");
        String after = unique("job");
        StoredTrigger original = create(trigger(name, null, "CONDITIONAL", "CREATED", Set.of(job(before)),
                Set.of(job(before + "_up"))));

        StoredTrigger changed = triggers().change(name, t -> new StoredTrigger(t.name(), "wf", t.type(), "ACTIVATED",
                "{\"Name\":\"" + name + "\",\"v\":2}", Set.of(job(after)), Set.of(crawler(after + "_up")),
                t.createTime(), at(9)));

        assertThat(triggers().get(name)).contains(changed);
        assertThat(triggers().starting(before, null, 10).items()).isEmpty();
        assertThat(triggers().starting(after, null, 10).items()).containsExactly(changed);
        assertThat(triggers().watching(job(before + "_up"))).isEmpty();
        assertThat(triggers().watching(crawler(after + "_up"))).containsExactly(changed);

        assertGlueError(GlueErrorCode.INVALID_INPUT, () -> triggers().change(name, t -> {
            throw GlueException.invalidInput("no");
        }));
        assertThat(triggers().get(name)).contains(changed);
        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> triggers().change(name + "_x", t -> t));
        assertThat(original.createTime()).isEqualTo(changed.createTime());
    }

    @Test
    void deletingTakesTheReferencesFiringsAndTagsAndARefusalKeepsAll() {
        String name = unique("trigger");
        String job = unique("job");
        triggers().create(trigger(name, null, "SCHEDULED", "ACTIVATED", Set.of(job(job)), Set.of(job(job))),
                arn(name), Map.of("team", "data"));
        assertThat(triggers().claimFiring(name, at(60), at(61))).isTrue();
        assertThat(triggers().claimReaction(name, "job:jr_1", at(61))).isTrue();

        assertGlueError(GlueErrorCode.INVALID_INPUT, () -> triggers().delete(name, arn(name), t -> {
            throw GlueException.invalidInput("in use");
        }));
        assertThat(triggers().get(name)).isPresent();

        assertThat(triggers().delete(name, arn(name), t -> { })).isTrue();
        assertThat(triggers().get(name)).isEmpty();
        assertThat(triggers().starting(job, null, 10).items()).isEmpty();
        assertThat(triggers().watching(job(job))).isEmpty();
        assertThat(triggers().lastFiring(name)).isEmpty();
        assertThat(stores().catalog().getTags(arn(name))).isEmpty();
        assertThat(triggers().delete(name, arn(name), t -> { })).isFalse();

        // a trigger created again under the name starts from nothing: its first firing is claimable
        create(trigger(name, null, "SCHEDULED", "ACTIVATED", Set.of(), Set.of()));
        assertThat(triggers().claimFiring(name, at(60), at(70))).isTrue();
        assertThat(triggers().claimReaction(name, "job:jr_1", at(70))).isTrue();
    }

    @Test
    void aReactionToOneCauseIsClaimedOnceEvenByRacingClaimants() {
        String name = create(trigger(unique("trigger"), null, "CONDITIONAL", "ACTIVATED", Set.of(), Set.of())).name();
        String other = create(trigger(unique("trigger"), null, "CONDITIONAL", "ACTIVATED", Set.of(), Set.of())).name();
        assertThat(triggers().claimReaction(name, "job:jr_a", at(1))).isTrue();
        assertThat(triggers().claimReaction(name, "job:jr_a", at(2))).as("the same cause again").isFalse();
        assertThat(triggers().claimReaction(name, "job:jr_b", at(2))).as("another cause").isTrue();
        assertThat(triggers().claimReaction(other, "job:jr_a", at(2))).as("another trigger").isTrue();
        for (int round = 0; round < 20; round++) {
            String cause = "crawl:" + round;
            List<Race.Outcome<Boolean>> claims = Race.run(() -> triggers().claimReaction(name, cause, at(3)),
                    () -> triggers().claimReaction(name, cause, at(3)));
            assertThat(claims).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(claims).as("round %d", round).filteredOn(Race.Outcome::value).hasSize(1);
        }
    }

    @Test
    void aFiringIsClaimedOnceAndTheLatestIsRemembered() {
        String name = create(trigger(unique("trigger"), null, "SCHEDULED", "ACTIVATED", Set.of(), Set.of())).name();
        assertThat(triggers().lastFiring(name)).isEmpty();

        assertThat(triggers().claimFiring(name, at(60), at(60))).isTrue();
        assertThat(triggers().claimFiring(name, at(60), at(61))).as("the same firing again").isFalse();
        assertThat(triggers().claimFiring(name, at(120), at(120))).isTrue();
        assertThat(triggers().lastFiring(name)).contains(at(120));
    }

    @Test
    void ofClaimsRacingForOneFiringExactlyOneWins() {
        String name = create(trigger(unique("trigger"), null, "SCHEDULED", "ACTIVATED", Set.of(), Set.of())).name();
        for (int round = 0; round < 20; round++) {
            int minute = round;
            List<Race.Outcome<Boolean>> claims = Race.run(() -> triggers().claimFiring(name, at(60 * minute),
                    at(60 * minute)), () -> triggers().claimFiring(name, at(60 * minute), at(60 * minute + 1)));
            assertThat(claims).as("round %d", round).allMatch(Race.Outcome::succeeded);
            assertThat(claims).as("round %d", round).filteredOn(Race.Outcome::value).hasSize(1);
        }
    }
}
