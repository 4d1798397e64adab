package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import io.mortar.auth.Principal;
import io.mortar.auth.policy.Policies;
import io.mortar.auth.policy.Policy;
import io.mortar.auth.sigv4.Credential;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.connections.PasswordCipher;
import io.mortar.model.GlueException;
import io.mortar.store.auth.AccessKeyStore;
import io.mortar.store.auth.KeyKind;
import io.mortar.store.auth.StoredAccessKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The access keys requests are signed with: the root key made on first start, keys users create by name with
 * policies of their own, and the temporary credentials of job runs and crawls. Secrets are stored encrypted with the
 * key that encrypts connection passwords; session tokens only as their hash.
 *
 * <p>Verifying a request must not cost a store read: keys are cached once read, and the cache is dropped whenever
 * the store's change counter moves, which is looked at no more than once a {@link #RECHECK} (so a key deleted
 * through another server sharing a PostgreSQL store stops working within that; on this server, at once).
 */
public final class AccessKeys {
    public static final String ROOT_NAME = "root";
    /** How often the store's change counter is read: how long another server's change may take to apply here. */
    static final Duration RECHECK = Duration.ofSeconds(1);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final String SECRET_CONTEXT = "access-key/";
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** A key as verification needs it: its secret and who signs with it. */
    public record Known(Credential credential, Principal principal) {}

    /** A key just made: its secret is shown once, here, and never again. */
    public record Issued(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String name,
                         Optional<Instant> expiresAt) {}

    private final AccessKeyStore store;
    private final PasswordCipher cipher;
    private final CatalogIdentity identity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Keys that exist, by id: an unknown id is not kept, so random ids cannot fill the memory. */
    private final ConcurrentHashMap<String, Known> cache = new ConcurrentHashMap<>();
    private volatile long cachedGeneration = Long.MIN_VALUE;
    private volatile Instant generationCheckedAt = Instant.MIN;

    public AccessKeys(AccessKeyStore store, PasswordCipher cipher, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.cipher = requireNonNull(cipher, "cipher");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The root key, made now if the store has none (the first start), with its secret. */
    public Issued root() {
        Optional<StoredAccessKey> existing = store.findByName(ROOT_NAME);
        if (existing.isPresent()) {
            return existingRoot(existing.get());
        }
        try {
            return create(ROOT_NAME, KeyKind.ROOT, List.of(ALLOW_ALL), Optional.empty(),
                    Optional.empty());
        } catch (GlueException e) {
            // another server on this store made it first
            return existingRoot(store.findByName(ROOT_NAME).orElseThrow(() -> e));
        }
    }

    private Issued existingRoot(StoredAccessKey key) {
        return new Issued(key.accessKeyId(), secret(key), Optional.empty(), ROOT_NAME, Optional.empty());
    }

    /** A user's key with these policies (JSON documents, each checked). */
    public Issued createUserKey(String name, List<String> policies) {
        requireName(name);
        return create(name, KeyKind.USER, checked(policies), Optional.empty(), Optional.empty());
    }

    /**
     * A temporary credential owned by a job run or a crawl: its policies are the run's scope, it expires at
     * {@code expiresAt} at the latest and is revoked when its owner ends ({@link #revokeOwnedBy}).
     */
    public Issued issueTemporary(String owner, List<String> policies, Instant expiresAt) {
        store.deleteExpired(clock.instant()); // what crashed servers left behind
        return create("run-" + newId("").substring(0, 16), KeyKind.RUN, checked(policies), Optional.of(owner),
                Optional.of(expiresAt));
    }

    public void revokeOwnedBy(String owner) {
        if (store.deleteOwnedBy(owner) > 0) {
            cache.clear();
        }
    }

    public List<StoredAccessKey> list() {
        return store.list(Set.of(KeyKind.ROOT, KeyKind.USER));
    }

    public StoredAccessKey describe(String name) {
        return store.findByName(name).filter(k -> k.kind() != KeyKind.RUN)
                .orElseThrow(() -> GlueException.entityNotFound("Access key %s not found.", name));
    }

    public void delete(String name) {
        StoredAccessKey key = describe(name);
        if (key.kind() == KeyKind.ROOT) {
            throw GlueException.invalidInput("The root key cannot be deleted: it is how the server's own tools"
                    + " reach it.");
        }
        store.delete(key.accessKeyId());
        cache.clear();
    }

    public void replacePolicies(String name, List<String> policies) {
        StoredAccessKey key = describe(name);
        if (key.kind() == KeyKind.ROOT) {
            throw GlueException.invalidInput("The root key's policy cannot be changed: it may do everything.");
        }
        store.replacePolicies(key.accessKeyId(), checked(policies));
        cache.clear();
    }

    /** The key with this id as a request's verification needs it; empty if no such key. */
    public Optional<Known> find(String accessKeyId) {
        dropCacheIfStoreChanged();
        Known cached = cache.get(accessKeyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Known> loaded = store.find(accessKeyId).map(this::known);
        loaded.ifPresent(known -> cache.put(accessKeyId, known));
        return loaded;
    }

    /** The IAM-style ARN a key's principal has in AccessDenied messages. */
    public String principalArn(StoredAccessKey key) {
        return switch (key.kind()) {
            case ROOT -> "arn:aws:iam::" + identity.accountId() + ":root";
            case USER -> "arn:aws:iam::" + identity.accountId() + ":user/" + key.name();
            case RUN -> "arn:aws:sts::" + identity.accountId() + ":assumed-role/mortar-run/"
                    + key.owner().orElse(key.name());
        };
    }

    private void dropCacheIfStoreChanged() {
        Instant now = clock.instant();
        if (now.isBefore(generationCheckedAt.plus(RECHECK))) {
            return;
        }
        generationCheckedAt = now;
        long generation = store.generation();
        if (generation != cachedGeneration) {
            cache.clear();
            cachedGeneration = generation;
        }
    }

    private Known known(StoredAccessKey key) {
        Credential credential = new Credential(key.accessKeyId(), secret(key), key.sessionTokenHash(),
                key.expiresAt());
        Policies policies = key.kind() == KeyKind.ROOT ? Policies.allowAll()
                : Policies.of(key.policies().stream().map(Policy::parse).toList());
        return new Known(credential, new Principal(key.accessKeyId(), key.name(), principalArn(key), policies));
    }

    private Issued create(String name, KeyKind kind, List<String> policies, Optional<String> owner,
                          Optional<Instant> expiresAt) {
        String id = newId(kind == KeyKind.RUN ? "ASIA" : "AKIA");
        String secret = randomBase64(30);
        Optional<String> token = kind == KeyKind.RUN ? Optional.of(randomBase64(96)) : Optional.empty();
        store.create(new StoredAccessKey(id, name, kind, cipher.encrypt(SECRET_CONTEXT + id, secret),
                token.map(AccessKeys::hash), policies, owner, clock.instant(), expiresAt));
        cache.remove(id);
        return new Issued(id, secret, token, name, expiresAt);
    }

    private String secret(StoredAccessKey key) {
        return cipher.decrypt(SECRET_CONTEXT + key.accessKeyId(), key.secretCiphertext());
    }

    private static List<String> checked(List<String> policies) {
        policies.forEach(Policy::parse); // refuses a bad document, naming its field, before anything is stored
        return List.copyOf(policies);
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw GlueException.invalidInput("A key's name must be 1 to 64 letters, digits or +=,.@_- (IAM's user"
                    + " names), not '%s'.", name);
        }
        if (name.equals(ROOT_NAME)) {
            throw GlueException.invalidInput("The name root is the server's own key's.");
        }
    }

    /** AWS's shape: four letters of kind, then sixteen of base32. */
    private String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 16; i++) {
            id.append(ID_CHARACTERS[random.nextInt(ID_CHARACTERS.length)]);
        }
        return id.toString();
    }

    private String randomBase64(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().withoutPadding().encodeToString(value).replace('/', '_').replace('+', '-');
    }

    /** How a session token is kept and compared: its hex SHA-256. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
