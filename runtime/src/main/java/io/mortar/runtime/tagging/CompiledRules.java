package io.mortar.runtime.tagging;

import io.mortar.tagging.Tagger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule set compiled once per JVM: the {@link Tagger} (immutable, shared by every task of the executor), each
 * tag's UTF-8 bytes for the output arrays, and one {@link Tagger.Matching} per thread. A task thread keeps its
 * matching across tasks, so the lazily built DFA inside it (a few hundred milliseconds to warm up for a thousand
 * rules) is built once per thread, not once per partition.
 */
final class CompiledRules {
    /** A bounded cache: more rule sets than this in one JVM means a long-lived session; start afresh. */
    private static final int MAX_CACHED = 32;
    private static final ConcurrentHashMap<String, CompiledRules> CACHE = new ConcurrentHashMap<>();

    final Tagger tagger;
    final byte[][] tagBytes;
    private final ThreadLocal<Slot> slots;

    private CompiledRules(Tagger tagger) {
        this.tagger = tagger;
        List<String> tags = tagger.tags();
        this.tagBytes = new byte[tags.size()][];
        for (int t = 0; t < tagBytes.length; t++) {
            tagBytes[t] = tags.get(t).getBytes(StandardCharsets.UTF_8);
        }
        this.slots = ThreadLocal.withInitial(() -> new Slot(tagger));
    }

    /** The rule set's compiled form, from this JVM's cache or compiled now. */
    static CompiledRules of(RuleSet rules) {
        CompiledRules known = CACHE.get(rules.key());
        if (known != null) {
            return known;
        }
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        // computeIfAbsent: tasks starting together on an executor compile the rules once, the others wait for it
        return CACHE.computeIfAbsent(rules.key(), k -> new CompiledRules(rules.compile()));
    }

    /** Puts a tagger the driver compiled anyway into the cache (a local master's tasks then use it as it is). */
    static CompiledRules remember(RuleSet rules, Tagger tagger) {
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(rules.key(), k -> new CompiledRules(tagger));
    }

    /** This thread's matching state. */
    Slot slot() {
        return slots.get();
    }

    /** One thread's {@link Tagger.Matching}. */
    static final class Slot {
        private final Tagger.Matching matching;

        Slot(Tagger tagger) {
            this.matching = tagger.newMatching();
        }

        Tagger.Matching matching() {
            return matching;
        }
    }
}
