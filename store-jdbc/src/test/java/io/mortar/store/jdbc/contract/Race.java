package io.mortar.store.jdbc.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs store calls against one another for real: each on a thread of its own, all released together by a barrier,
 * so they reach the store at the same moment. Returns how each ended, in the order given.
 */
final class Race {
    private Race() {}

    /** How one contender ended: with a value, or with what it threw. */
    record Outcome<T>(T value, Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    @SafeVarargs
    static <T> List<Outcome<T>> run(Callable<T>... contenders) {
        CyclicBarrier start = new CyclicBarrier(contenders.length);
        ExecutorService threads = Executors.newFixedThreadPool(contenders.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> contender : contenders) {
                futures.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return contender.call();
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Race did not finish", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Holds the calling transaction open a little, so a contender that was not made to wait for it would overlap it
     * and a missing lock shows as a lost update or a double insert instead of passing by luck.
     */
    static void widenWindow() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
