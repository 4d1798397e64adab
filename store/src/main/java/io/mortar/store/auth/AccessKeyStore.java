package io.mortar.store.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The access keys requests are signed with, their (encrypted) secrets and their policies. Every method is one atomic
 * transaction.
 *
 * <p>Servers verify every request against these keys, so they cache them; {@link #generation} tells a cache, cheaply,
 * whether any key changed since it read them, whichever server on a shared store changed it.
 */
public interface AccessKeyStore {

    /**
     * Stores a new key.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS, naming the id or the name that is taken; nothing is stored
     */
    void create(StoredAccessKey key);

    Optional<StoredAccessKey> find(String accessKeyId);

    Optional<StoredAccessKey> findByName(String name);

    /** Every key of these kinds, in name order. */
    List<StoredAccessKey> list(Set<KeyKind> kinds);

    /** Replaces a key's policies with these; false if there is no such key. */
    boolean replacePolicies(String accessKeyId, List<String> policies);

    /** Deletes a key; false if there is no such key. */
    boolean delete(String accessKeyId);

    /** Deletes the {@link KeyKind#RUN} keys of this owner (its run ended), and no other key; how many. */
    int deleteOwnedBy(String owner);

    /**
     * Deletes the keys whose {@code expiresAt} is before {@code now} (run keys a crashed server left behind); how
     * many.
     */
    int deleteExpired(Instant now);

    /**
     * A counter that every change of a key (each create, policy replacement and deletion that changed something)
     * increases, and nothing else: equal values mean the keys are as they were.
     */
    long generation();
}
