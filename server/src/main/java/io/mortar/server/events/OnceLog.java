package io.mortar.server.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Warns of a problem once until it goes away: the intake meets the same bad tag or unlistable place on every tick.
 */
final class OnceLog {
    private final Logger log;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    OnceLog(Logger log) {
        this.log = log;
    }

    /** @param key what the problem is about; the same key is not warned of again until {@link #clear}ed */
    void warn(String key, String format, Object... args) {
        if (said.add(key)) {
            log.warn(format, args);
        }
    }

    /** The problems whose keys start so are over: warn of them again should they come back. */
    void clear(String keyPrefix) {
        said.removeIf(key -> key.startsWith(keyPrefix));
    }
}
