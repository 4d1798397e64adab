package io.mortar.server.config;

import java.time.Duration;

/**
 * How the event intake of EVENT triggers runs.
 *
 * @param watchInterval how often the watcher lists every watched location; zero turns the watcher off (events then
 *     come only from notifications POSTed to {@code /events/s3})
 * @param batchTick how often pending events are checked for a batch whose window has passed, and unfired batches
 *     fired again (new events are batched as they arrive)
 */
public record EventsConfig(Duration watchInterval, Duration batchTick) {
    public static final EventsConfig DEFAULTS = new EventsConfig(Duration.ofSeconds(10), Duration.ofSeconds(1));

    public EventsConfig {
        if (watchInterval.isNegative()) {
            throw new ConfigException("mortar.events.watch-interval-ms must not be negative, not "
                    + watchInterval.toMillis());
        }
        if (batchTick.isNegative() || batchTick.isZero()) {
            throw new ConfigException("mortar.events.batch-tick-ms must be at least 1, not " + batchTick.toMillis());
        }
    }

    public boolean watching() {
        return !watchInterval.isZero();
    }
}
