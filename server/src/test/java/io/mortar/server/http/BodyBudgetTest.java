package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link BodyBudget}: all or nothing, never past its capacity, whatever threads race for it. */
class BodyBudgetTest {
    @Test
    void aReservationFitsWholeOrNotAtAll() {
        BodyBudget budget = new BodyBudget(100);

        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(41)).isFalse();
        assertThat(budget.reserved()).as("a refused reservation takes nothing").isEqualTo(60);
        assertThat(budget.tryReserve(40)).isTrue();
        assertThat(budget.tryReserve(1)).isFalse();

        budget.release(60);

        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.reserved()).isEqualTo(100);
    }

    @Test
    void racingThreadsNeverHoldMoreThanTheCapacity() throws Exception {
        BodyBudget budget = new BodyBudget(1_000);
        AtomicLong held = new AtomicLong();
        AtomicLong mostHeld = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 20_000; i++) {
                    long bytes = 1 + random.nextInt(400);
                    if (budget.tryReserve(bytes)) {
                        mostHeld.accumulateAndGet(held.addAndGet(bytes), Math::max);
                        held.addAndGet(-bytes);
                        budget.release(bytes);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(mostHeld.get()).isPositive().isLessThanOrEqualTo(1_000);
        assertThat(budget.reserved()).isZero();
    }
}
