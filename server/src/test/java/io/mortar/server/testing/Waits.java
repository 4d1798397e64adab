package io.mortar.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting in tests for what a server does in the background (a run to end, a trigger to fire). */
public final class Waits {
    private Waits() {}

    /**
     * Asks {@code probe} every {@code every} until it answers a value, and returns it; an AssertionError naming
     * {@code what} (and what {@code context} says then) once {@code patience} is over.
     */
    public static <T> T until(Supplier<Optional<T>> probe, Duration patience, Duration every, String what,
                              Supplier<String> context) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Waited " + patience.toSeconds() + " s for " + what + context.get());
    }
}
