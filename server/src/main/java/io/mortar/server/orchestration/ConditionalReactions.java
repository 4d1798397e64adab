package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredJobRun;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Condition;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerState;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * Conditional triggers outside any workflow, reacting to the ends of the runs and crawls they watch — every run's,
 * whether a trigger, a workflow, a schedule or a person started it (Glue reacts only to runs a trigger started; see
 * docs/triggers.md). Each end after the trigger was last activated or updated is a cause: when the ended run meets
 * its condition and the predicate holds (for AND, every other watched job's or crawler's latest end meets its own
 * condition), the trigger fires once for that cause, claimed in the store so that no server fires it twice.
 */
final class ConditionalReactions {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalReactions.class);
    /** The latest ends of each watched job or crawler looked at in one check. */
    private static final int RECENT = 10;
    /** How long after a run's end a reaction claimed by another server is made again, to complete it. */
    private static final Duration RECOVERY = Duration.ofMinutes(5);

    private final TriggerStore triggers;
    private final JobStore jobs;
    private final CrawlStore crawls;
    private final NodeStates states;
    private final TriggerFirer firer;
    /** Causes this server has settled, per trigger (claimed, by it or another server, and fired). */
    private final Map<String, Set<String>> settled = new HashMap<>();

    ConditionalReactions(TriggerStore triggers, JobStore jobs, CrawlStore crawls, NodeStates states,
                         TriggerFirer firer) {
        this.triggers = requireNonNull(triggers, "triggers");
        this.jobs = requireNonNull(jobs, "jobs");
        this.crawls = requireNonNull(crawls, "crawls");
        this.states = requireNonNull(states, "states");
        this.firer = requireNonNull(firer, "firer");
    }

    void check(Instant now) {
        Set<String> active = new HashSet<>();
        for (StoredTrigger stored : triggers.withTypeAndState(TriggerType.CONDITIONAL.toString(),
                TriggerState.ACTIVATED.toString())) {
            if (stored.workflowName() != null) {
                continue; // a workflow's triggers react within its runs only
            }
            active.add(stored.name());
            try {
                check(stored, now);
            } catch (RuntimeException e) {
                LOG.warn("Conditional trigger {}: check failed ({}); trying again", stored.name(), e.toString());
            }
        }
        settled.keySet().retainAll(active);
    }

    private void check(StoredTrigger stored, Instant now) {
        Trigger trigger = TriggerDocuments.toTrigger(stored);
        if (trigger.predicate() == null) {
            return;
        }
        Set<String> done = settled.computeIfAbsent(stored.name(), name -> new HashSet<>());
        Map<NodeKey, Optional<String>> latest = new HashMap<>();
        for (Condition condition : trigger.predicate().conditions()) {
            NodeKey node = NodeKey.of(condition);
            for (End end : recentEnds(node, stored.updateTime())) {
                latest.merge(node, Optional.of(end.state()), (known, next) -> known);
                if (done.contains(end.cause()) || !Predicates.met(condition, n -> Optional.of(end.state()))) {
                    continue;
                }
                // The other conditions on their latest ends; this one on this end.
                boolean holds = Predicates.holds(trigger.predicate(), n -> n.equals(node) ? Optional.of(end.state())
                        : latest.computeIfAbsent(n, k -> recentEnds(k, stored.updateTime()).stream().findFirst()
                                .map(End::state)));
                if (holds) {
                    boolean claimed = triggers.claimReaction(stored.name(), end.cause(), now);
                    if (claimed) {
                        LOG.info("Conditional trigger {} fires: {} ended {}", stored.name(), end.cause(),
                                end.state());
                    }
                    // A reaction another server (or a dead one) claimed is made again while it is recent: the ids
                    // are the cause's, so that starts nothing twice and completes one left half-made. An old one is
                    // left alone: what it started may since have been deleted, and must not come back.
                    if (claimed || end.at().isAfter(now.minus(RECOVERY))) {
                        firer.fireReaction(stored, end.cause());
                    }
                }
                done.add(end.cause());
            }
        }
    }

    /** An end: its cause (the run or crawl, by id), its final state and when it ended. */
    private record End(String cause, String state, Instant at) {}

    /** The node's latest final ends after {@code since}, newest first; a failed run that is retried is not one. */
    private List<End> recentEnds(NodeKey node, Instant since) {
        if (node.type() == NodeKey.Type.JOB) {
            List<End> ends = new java.util.ArrayList<>();
            for (StoredJobRun run : jobs.listRuns(node.name(), null, RECENT).items()) {
                if (run.completedOn() == null || !run.completedOn().isAfter(since)
                        || !NodeStates.isFinal(run.state()) || retried(run)) {
                    continue;
                }
                ends.add(new End("job:" + run.id(), run.state(), run.completedOn()));
            }
            return ends;
        }
        List<End> ends = new java.util.ArrayList<>();
        for (StoredCrawl crawl : crawls.history(node.name(), null, RECENT)) {
            String state = NodeStates.crawlState(crawl);
            if (crawl.endTime() != null && crawl.endTime().isAfter(since) && NodeStates.isFinal(state)) {
                ends.add(new End("crawl:" + crawl.crawlId(), state, crawl.endTime()));
            }
        }
        return ends;
    }

    private boolean retried(StoredJobRun run) {
        return run.state().equals("FAILED") && states.attempts(run.id()).size() > 1;
    }
}
