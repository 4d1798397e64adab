package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the orchestration on one thread: scheduled triggers checked every {@code tick} (so a firing starts within a
 * tick of its due time), and — every {@code settle} period, or at once when a job run or crawl ends or a workflow run
 * starts — conditional triggers' reactions and every workflow run in progress moved on. All of its state is in the
 * store: a restarted server, or several on one store, carry on where any left off.
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

    private final ScheduledFirings schedules;
    private final ConditionalReactions reactions;
    private final WorkflowRunEngine runs;
    private final TriggerFirer firer;
    private final Clock clock;
    private final Duration settle;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean woken = new AtomicBoolean(true);
    private Instant settledAt = Instant.MIN;

    public Orchestrator(TriggerStore triggers, WorkflowStore workflows, JobStore jobs, CrawlStore crawls,
                        Actions actions, Clock clock, Duration tick, Duration settle) {
        this.clock = requireNonNull(clock, "clock");
        this.settle = requireNonNull(settle, "settle");
        NodeStates states = new NodeStates(jobs, crawls);
        this.firer = new TriggerFirer(triggers, workflows, actions, clock);
        this.schedules = new ScheduledFirings(triggers, firer);
        this.reactions = new ConditionalReactions(triggers, jobs, crawls, states, firer);
        this.runs = new WorkflowRunEngine(triggers, workflows, states, actions, clock);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mortar-orchestration");
            t.setDaemon(true);
            return t;
        });
        firer.onRunStarted(this::wake);
        thread.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fires triggers and starts workflow runs (for the API's StartWorkflowRun, StartTrigger and the event intake). */
    public TriggerFirer firer() {
        return firer;
    }

    /** Something ended or started: react at the next tick instead of waiting for the settle period. */
    public void wake() {
        woken.set(true);
    }

    private void tick() {
        Instant now = clock.instant();
        try {
            schedules.check(now);
        } catch (RuntimeException e) {
            LOG.warn("Checking scheduled triggers failed; trying again", e);
        }
        if (woken.getAndSet(false) || !now.isBefore(settledAt.plus(settle))) {
            settledAt = now;
            try {
                reactions.check(now);
                runs.advanceAll();
            } catch (RuntimeException e) {
                LOG.warn("Moving workflow runs on failed; trying again", e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        schedules.close();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
