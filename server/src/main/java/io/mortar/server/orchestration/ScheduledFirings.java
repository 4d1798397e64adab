package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.server.schedule.CronSchedule;
import io.mortar.store.triggers.StoredTrigger;
import io.mortar.store.triggers.TriggerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.TriggerState;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * Fires the ACTIVATED scheduled triggers when their {@code cron(...)} falls due (UTC). Each firing is claimed in the
 * store under the trigger and its due time, so of several servers exactly one fires it.
 *
 * <p>Missed firings: a trigger counts from its latest claimed firing (or from when it was last activated or updated,
 * if later). When several times fell due since — no server ran — it fires once, for the latest of them, and the
 * earlier ones are skipped (logged); a firing claimed by a server that died before it started everything is made
 * again when a server first sees the trigger, if no later time has fallen due since, under the same ids: it starts
 * what had not started and nothing twice.
 */
final class ScheduledFirings {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledFirings.class);
    /** How often the list of scheduled triggers is read again (an API change takes effect within it). */
    private static final Duration REFRESH = Duration.ofSeconds(1);
    /**
     * Firings made at once when several triggers fall due together: each is a few store round trips, so side by side
     * they finish sooner (on SQLite, concurrent writers share commits).
     */
    private static final int FIRING_THREADS = 4;

    private final TriggerStore triggers;
    private final TriggerFirer firer;
    private final ExecutorService pool;
    private List<StoredTrigger> scheduled = List.of();
    private Instant readAt = Instant.MIN;
    /** Trigger name → its latest firing this server knows claimed (by any server). */
    private final Map<String, Instant> lastFiring = new HashMap<>();
    /** Triggers whose latest firing was made again once since this server started. */
    private final Set<String> resumed = new HashSet<>();
    /** Parsed schedules by expression (parsing is far dearer than finding the next time). */
    private final Map<String, CronSchedule> schedules = new HashMap<>();

    ScheduledFirings(TriggerStore triggers, TriggerFirer firer) {
        this.triggers = requireNonNull(triggers, "triggers");
        this.firer = requireNonNull(firer, "firer");
        this.pool = Executors.newFixedThreadPool(FIRING_THREADS, r -> {
            Thread t = new Thread(r, "mortar-scheduled-firing");
            t.setDaemon(true);
            return t;
        });
    }

    /** Fires what is due at {@code now}; returns once every firing it made has started what it starts. */
    void check(Instant now) {
        if (!now.isBefore(readAt.plus(REFRESH))) {
            scheduled = triggers.withTypeAndState(TriggerType.SCHEDULED.toString(), TriggerState.ACTIVATED.toString());
            readAt = now;
            Set<String> names = new HashSet<>();
            scheduled.forEach(t -> names.add(t.name()));
            lastFiring.keySet().retainAll(names);
        }
        List<Callable<Object>> firings = new ArrayList<>();
        for (StoredTrigger trigger : scheduled) {
            try {
                check(trigger, now).ifPresent(firing -> firings.add(Executors.callable(() -> {
                    try {
                        firing.run();
                    } catch (RuntimeException e) {
                        LOG.warn("Scheduled trigger {}: firing failed ({})", trigger.name(), e.toString());
                    }
                })));
            } catch (RuntimeException e) {
                LOG.warn("Scheduled trigger {}: firing check failed ({}); trying again", trigger.name(), e.toString());
            }
        }
        if (!firings.isEmpty()) {
            try {
                pool.invokeAll(firings); // many triggers due at one time (every minute on the minute) start together
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the firing threads. */
    void close() {
        pool.shutdownNow();
    }

    /**
     * Decides, on the scheduler's thread, whether the trigger fires now: the firing to make (its claim and its
     * starts, which may run beside other firings), if any.
     */
    private Optional<Runnable> check(StoredTrigger trigger, Instant now) {
        String expression = TriggerDocuments.toTrigger(trigger).schedule();
        CronSchedule schedule = schedules.computeIfAbsent(expression, e -> CronSchedule.parse("Schedule", e, 1));
        if (!lastFiring.containsKey(trigger.name())) {
            Optional<Instant> last = triggers.lastFiring(trigger.name());
            lastFiring.put(trigger.name(), last.orElse(Instant.MIN));
            // A firing a dead server claimed may have started only part of what it starts: made again (under the
            // same ids) while it is still the current one. Once a later time has fallen due it is history — what it
            // started may since have been deleted, and must not come back.
            if (last.isPresent() && resumed.add(trigger.name())
                    && schedule.nextAfter(last.get()).map(next -> next.isAfter(now)).orElse(true)) {
                return Optional.of(() -> firer.fireScheduled(trigger, last.get()));
            }
        }
        Instant since = max(lastFiring.get(trigger.name()), trigger.updateTime());
        Optional<Instant> next = schedule.nextAfter(since);
        if (next.isEmpty() || next.get().isAfter(now)) {
            return Optional.empty();
        }
        Instant due = next.get();
        int skipped = 0;
        for (Optional<Instant> later = schedule.nextAfter(due); later.isPresent() && !later.get().isAfter(now);
             later = schedule.nextAfter(due)) {
            due = later.get();
            skipped++;
        }
        lastFiring.put(trigger.name(), due);
        Instant firing = due;
        int missed = skipped;
        return Optional.of(() -> {
            if (!triggers.claimFiring(trigger.name(), firing, now)) {
                return; // another server fires it
            }
            if (missed > 0) {
                LOG.warn("Scheduled trigger {}: {} firing(s) fell due while no server ran; firing once for {}",
                        trigger.name(), missed, firing);
            }
            LOG.info("Scheduled trigger {} fires for {}", trigger.name(), firing);
            firer.fireScheduled(trigger, firing);
        });
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
