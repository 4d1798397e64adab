package io.mortar.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the driver gives up waiting for executors: only after jobs waited the whole timeout with none at all. */
class ExecutorWatchdogTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicBoolean starved = new AtomicBoolean();
    private final AtomicInteger cancels = new AtomicInteger();
    private final ExecutorWatchdog watchdog = new ExecutorWatchdog(starved::get, cancels::incrementAndGet,
            Duration.ofSeconds(60), "no executor");

    @Test
    void jobsWaitingTheWholeTimeoutWithoutAnExecutorAreCancelledAndTheRunFailsSayingWhy() {
        starved.set(true);
        watchdog.check(0);
        watchdog.check(59 * SECOND);
        assertThat(cancels).hasValue(0);
        assertThat(watchdog.failure()).isEmpty();

        watchdog.check(60 * SECOND);

        assertThat(cancels).hasValue(1);
        assertThat(watchdog.failure()).hasValueSatisfying(f -> assertThat(f).hasMessage("no executor"));
        watchdog.check(61 * SECOND);
        assertThat(cancels).as("a job submitted after the first cancellation waits no better").hasValue(2);
    }

    @Test
    void theWaitStartsAgainWheneverNoJobWaitsOrAnExecutorIsThere() {
        starved.set(true);
        watchdog.check(0);
        starved.set(false);
        watchdog.check(30 * SECOND);
        starved.set(true);
        watchdog.check(40 * SECOND);
        watchdog.check(99 * SECOND);
        assertThat(cancels).hasValue(0);

        watchdog.check(100 * SECOND);
        assertThat(cancels).hasValue(1);
        starved.set(false);
        watchdog.check(101 * SECOND);
        assertThat(cancels).as("an executor came after all: nothing more is cancelled").hasValue(1);
    }

    @Test
    void aFailingLookIsTriedAgainAtTheNextCheck() {
        ExecutorWatchdog flaky = new ExecutorWatchdog(() -> {
            throw new IllegalStateException("the context is stopping");
        }, cancels::incrementAndGet, Duration.ZERO, "no executor");

        flaky.check(0);

        assertThat(cancels).hasValue(0);
        assertThat(flaky.failure()).isEmpty();
    }
}
