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

    /**
     * Matches a {@link Tagger.Matching} serves before it is replaced. Its row stamps are an int that wraps after
     * 2^32 matches, and on the wrap it resets some stamp arrays but not the one of rules already decided, so a
     * matching that old could report a stale decision; a fresh one every 2^30 matches never gets there.
     */
    static final long MATCHES_PER_MATCHING = 1L << 30;

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

    /** One thread's {@link Tagger.Matching}, renewed every {@link #MATCHES_PER_MATCHING} matches. */
    static final class Slot {
        private final Tagger tagger;
        private Tagger.Matching matching;
        private long matches;

        Slot(Tagger tagger) {
            this.tagger = tagger;
            this.matching = tagger.newMatching();
        }

        /** The matching for the next {@code n} matches ({@code matchRow}/{@code matchColumn} calls). */
        Tagger.Matching matching(int n) {
            matches += n;
            if (matches > MATCHES_PER_MATCHING) {
                matching = tagger.newMatching();
                matches = n;
            }
            return matching;
        }
    }
}
