package io.mortar.store.jdbc.contract;

import java.time.Instant;

/**
 * The instants contract tests store: fixed, so a failure reads the same every run, and with milliseconds, the
 * precision every store keeps (the JDBC store keeps epoch milliseconds), so a store that rounds to seconds fails.
 */
final class FixedTimes {
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    private FixedTimes() {}

    /** {@code seconds} (and a few odd milliseconds) after {@link #T0}. */
    static Instant at(int seconds) {
        return T0.plusMillis(seconds * 1000L + seconds % 7);
    }
}
