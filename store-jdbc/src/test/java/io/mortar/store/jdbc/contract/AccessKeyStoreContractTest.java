package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.auth.AccessKeyStore;
import io.mortar.store.auth.KeyKind;
import io.mortar.store.auth.StoredAccessKey;
import io.mortar.store.jdbc.testing.StoreContract;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AccessKeyStore}: keys by id and by name, unique in both; listings by kind; policies
 * replaced; run keys deleted with their run or once expired; and the generation counter that tells a cache whether
 * anything changed.
 */
class AccessKeyStoreContractTest extends StoreContract {
    private static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"glue:Get*\"],\"Resource\":\"*\"}]}";
    /** Spacing, key order and non-ASCII as a user wrote them: the store keeps a document exactly as given. */
    private static final String DENY_ONE_DATABASE = "{ \"Statement\" : [ {\"Effect\":\"Deny\", \"Action\":\"glue:*\","
            + "\n  \"Resource\":\"arn:aws:glue:us-east-1:123456789012:database/ventes_été\"} ],\"Version\":\"2012-10-17\"}";

    private AccessKeyStore keys() {
        return stores().accessKeys();
    }

    private StoredAccessKey userKey(String name) {
        return new StoredAccessKey(unique("AKIAUSER"), name, KeyKind.USER, "sealed:" + name, Optional.empty(),
                List.of(READ_ONLY, DENY_ONE_DATABASE), Optional.empty(), at(1), Optional.empty());
    }

    private StoredAccessKey runKey(String owner, Optional<Instant> expiresAt) {
        String id = unique("ASIARUN");
        return new StoredAccessKey(id, "run-" + id, KeyKind.RUN, "sealed:" + id,
                Optional.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), List.of(READ_ONLY),
                Optional.of(owner), at(2), expiresAt);
    }

    private StoredAccessKey create(StoredAccessKey key) {
        keys().create(key);
        return key;
    }

    @Test
    void aCreatedKeyReadsBackByIdAndByNameAsItWasGiven() {
        StoredAccessKey user = create(userKey(unique("analyst")));
        StoredAccessKey run = create(runKey(unique("jr"), Optional.of(at(3600))));
        StoredAccessKey root = create(new StoredAccessKey(unique("AKIAROOT"), unique("root"), KeyKind.ROOT,
                "sealed-root", Optional.empty(), List.of(), Optional.empty(), T0, Optional.empty()));

        for (StoredAccessKey key : List.of(user, run, root)) {
            assertThat(keys().find(key.accessKeyId())).contains(key);
            assertThat(keys().findByName(key.name())).contains(key);
        }
        assertThat(keys().find(user.accessKeyId()).orElseThrow().policies())
                .containsExactly(READ_ONLY, DENY_ONE_DATABASE);
        assertThat(keys().find(unique("AKIANONE"))).isEmpty();
        assertThat(keys().findByName(unique("nobody"))).isEmpty();
        assertThat(keys().find(user.name())).as("an id is not a name").isEmpty();
        assertThat(keys().findByName(user.accessKeyId())).as("a name is not an id").isEmpty();
    }

    @Test
    void keysListByKindInNameOrder() {
        String prefix = unique("list") + "_";
        // bytewise order, as every other name in the store: upper case before lower case
        StoredAccessKey b = create(userKey(prefix + "b"));
        StoredAccessKey upper = create(userKey(prefix + "Z"));
        StoredAccessKey a = create(userKey(prefix + "a"));
        StoredAccessKey root = create(new StoredAccessKey(unique("AKIAROOT"), prefix + "root", KeyKind.ROOT, "sealed",
                Optional.empty(), List.of(), Optional.empty(), T0, Optional.empty()));
        StoredAccessKey run = create(new StoredAccessKey(unique("ASIA"), prefix + "run", KeyKind.RUN, "sealed",
                Optional.of("ab"), List.of(), Optional.of(unique("jr")), T0, Optional.of(at(60))));

        assertThat(ofThisTest(keys().list(EnumSet.of(KeyKind.USER)), prefix)).containsExactly(upper, a, b);
        assertThat(ofThisTest(keys().list(EnumSet.of(KeyKind.ROOT, KeyKind.USER)), prefix))
                .containsExactly(upper, a, b, root);
        assertThat(ofThisTest(keys().list(EnumSet.allOf(KeyKind.class)), prefix))
                .containsExactly(upper, a, b, root, run);
        assertThat(ofThisTest(keys().list(EnumSet.of(KeyKind.RUN)), prefix)).containsExactly(run);
        assertThat(keys().list(Set.of())).isEmpty();
        List<StoredAccessKey> users = keys().list(EnumSet.of(KeyKind.USER));
        assertThat(users).extracting(StoredAccessKey::kind).containsOnly(KeyKind.USER);
        assertThat(users).extracting(StoredAccessKey::name).isSortedAccordingTo(String::compareTo);
    }

    /** The keys of a listing this test made (the store is shared with the class's other tests). */
    private static List<StoredAccessKey> ofThisTest(List<StoredAccessKey> listed, String prefix) {
        return listed.stream().filter(key -> key.name().startsWith(prefix)).toList();
    }

    @Test
    void aTakenIdOrNameIsRefusedNamingItAndChangesNothing() {
        StoredAccessKey first = create(userKey(unique("etl")));
        long generation = keys().generation();
        StoredAccessKey sameId = new StoredAccessKey(first.accessKeyId(), unique("other"), KeyKind.RUN, "intruder",
                Optional.of("ff"), List.of(), Optional.of("jr_x"), at(9), Optional.of(at(10)));
        StoredAccessKey sameName = new StoredAccessKey(unique("AKIAOTHER"), first.name(), KeyKind.ROOT, "intruder",
                Optional.empty(), List.of(), Optional.empty(), at(9), Optional.empty());

        GlueException idTaken = assertGlueError(GlueErrorCode.ALREADY_EXISTS, () -> keys().create(sameId));
        GlueException nameTaken = assertGlueError(GlueErrorCode.ALREADY_EXISTS, () -> keys().create(sameName));

        assertThat(idTaken.getMessage()).contains(first.accessKeyId());
        assertThat(nameTaken.getMessage()).contains(first.name());
        assertThat(keys().find(first.accessKeyId())).contains(first);
        assertThat(keys().findByName(first.name())).contains(first);
        assertThat(keys().findByName(sameId.name())).isEmpty();
        assertThat(keys().find(sameName.accessKeyId())).isEmpty();
        assertThat(keys().generation()).as("a refused create changes nothing").isEqualTo(generation);
    }

    @Test
    void replacingPoliciesReplacesThemAllAndNothingElse() {
        StoredAccessKey key = create(userKey(unique("analyst")));
        StoredAccessKey other = create(userKey(unique("analyst")));

        assertThat(keys().replacePolicies(key.accessKeyId(), List.of(DENY_ONE_DATABASE))).isTrue();
        assertThat(keys().find(key.accessKeyId())).contains(withPolicies(key, List.of(DENY_ONE_DATABASE)));
        assertThat(keys().replacePolicies(key.accessKeyId(), List.of())).isTrue();
        assertThat(keys().find(key.accessKeyId())).contains(withPolicies(key, List.of()));

        assertThat(keys().find(other.accessKeyId())).contains(other);
        String missing = unique("AKIANONE");
        assertThat(keys().replacePolicies(missing, List.of(READ_ONLY))).isFalse();
        assertThat(keys().find(missing)).isEmpty();
    }

    private static StoredAccessKey withPolicies(StoredAccessKey key, List<String> policies) {
        return new StoredAccessKey(key.accessKeyId(), key.name(), key.kind(), key.secretCiphertext(),
                key.sessionTokenHash(), policies, key.owner(), key.createdAt(), key.expiresAt());
    }

    @Test
    void aDeletedKeyIsGoneAndItsIdAndNameFree() {
        StoredAccessKey key = create(userKey(unique("temp")));
        StoredAccessKey other = create(userKey(unique("kept")));

        assertThat(keys().delete(key.accessKeyId())).isTrue();

        assertThat(keys().find(key.accessKeyId())).isEmpty();
        assertThat(keys().findByName(key.name())).isEmpty();
        assertThat(keys().delete(key.accessKeyId())).isFalse();
        assertThat(keys().find(other.accessKeyId())).contains(other);
        create(key); // both the id and the name are free again
        assertThat(keys().find(key.accessKeyId())).contains(key);
    }

    @Test
    void aRunsEndDeletesItsRunKeysOnly() {
        String owner = unique("jr");
        String otherOwner = unique("jr");
        StoredAccessKey first = create(runKey(owner, Optional.of(at(3600))));
        StoredAccessKey second = create(runKey(owner, Optional.empty()));
        StoredAccessKey othersRun = create(runKey(otherOwner, Optional.of(at(3600))));
        // not a run key, though it names the run as its owner: only RUN keys end with their run
        StoredAccessKey userOwned = create(new StoredAccessKey(unique("AKIAUSER"), unique("owned"), KeyKind.USER,
                "sealed", Optional.empty(), List.of(), Optional.of(owner), T0, Optional.empty()));

        assertThat(keys().deleteOwnedBy(owner)).isEqualTo(2);

        assertThat(keys().find(first.accessKeyId())).isEmpty();
        assertThat(keys().find(second.accessKeyId())).isEmpty();
        assertThat(keys().find(othersRun.accessKeyId())).contains(othersRun);
        assertThat(keys().find(userOwned.accessKeyId())).contains(userOwned);
        assertThat(keys().deleteOwnedBy(owner)).isZero();
    }

    @Test
    void expiredKeysAndOnlyThoseAreDeleted() {
        Instant now = at(100_000);
        keys().deleteExpired(now); // what other tests of the class left expired at that time
        StoredAccessKey expired = create(runKey(unique("jr"), Optional.of(now.minusMillis(1))));
        StoredAccessKey longExpired = create(runKey(unique("jr"), Optional.of(T0)));
        StoredAccessKey expiringNow = create(runKey(unique("jr"), Optional.of(now)));
        StoredAccessKey later = create(runKey(unique("jr"), Optional.of(now.plusMillis(1))));
        StoredAccessKey neverExpires = create(userKey(unique("forever")));

        assertThat(keys().deleteExpired(now)).isEqualTo(2);

        assertThat(keys().find(expired.accessKeyId())).isEmpty();
        assertThat(keys().find(longExpired.accessKeyId())).isEmpty();
        assertThat(keys().find(expiringNow.accessKeyId())).as("expires at, not before, now").contains(expiringNow);
        assertThat(keys().find(later.accessKeyId())).contains(later);
        assertThat(keys().find(neverExpires.accessKeyId())).contains(neverExpires);
        assertThat(keys().deleteExpired(now)).isZero();
        assertThat(keys().deleteExpired(now.plusMillis(1))).isEqualTo(1);
        assertThat(keys().find(expiringNow.accessKeyId())).isEmpty();
    }

    @Test
    void theGenerationIncreasesWithEveryChangeAndOnlyThen() {
        long start = keys().generation();
        StoredAccessKey key = create(userKey(unique("gen")));
        long afterCreate = assertIncreased(start);

        keys().find(key.accessKeyId());
        keys().findByName(key.name());
        keys().list(EnumSet.allOf(KeyKind.class));
        assertThat(keys().generation()).as("reads change nothing").isEqualTo(afterCreate);

        assertThat(keys().replacePolicies(key.accessKeyId(), List.of(READ_ONLY))).isTrue();
        long afterReplace = assertIncreased(afterCreate);
        // the same policies again: still a write of the key, which a cache must not second-guess
        assertThat(keys().replacePolicies(key.accessKeyId(), List.of(READ_ONLY))).isTrue();
        long afterSameReplace = assertIncreased(afterReplace);

        String owner = unique("jr");
        create(runKey(owner, Optional.of(at(10))));
        long afterRunKey = assertIncreased(afterSameReplace);
        assertThat(keys().deleteOwnedBy(owner)).isEqualTo(1);
        long afterRunEnd = assertIncreased(afterRunKey);

        create(runKey(unique("jr"), Optional.of(at(20))));
        long afterExpiring = assertIncreased(afterRunEnd);
        assertThat(keys().deleteExpired(at(200_000))).isPositive();
        long afterExpiry = assertIncreased(afterExpiring);

        assertThat(keys().delete(key.accessKeyId())).isTrue();
        long afterDelete = assertIncreased(afterExpiry);

        // writes that find nothing to change leave it
        assertThat(keys().delete(key.accessKeyId())).isFalse();
        assertThat(keys().replacePolicies(key.accessKeyId(), List.of())).isFalse();
        assertThat(keys().deleteOwnedBy(owner)).isZero();
        assertThat(keys().deleteExpired(at(200_000))).isZero();
        assertThat(keys().generation()).isEqualTo(afterDelete);
    }

    private long assertIncreased(long before) {
        long now = keys().generation();
        assertThat(now).isGreaterThan(before);
        return now;
    }

    @Test
    void ofTwoSimultaneousCreatesOfOneNameExactlyOneWins() {
        for (int round = 0; round < 10; round++) {
            String name = unique("race");
            StoredAccessKey a = userKey(name);
            StoredAccessKey b = userKey(name);
            long generation = keys().generation();

            List<Race.Outcome<StoredAccessKey>> outcomes = Race.run(() -> create(a), () -> create(b));

            assertThat(outcomes).as("round %d", round).filteredOn(Race.Outcome::succeeded).hasSize(1);
            assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.succeeded()).singleElement()
                    .satisfies(o -> assertThat(o.failure()).isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ALREADY_EXISTS)));
            StoredAccessKey winner = outcomes.get(0).succeeded() ? a : b;
            StoredAccessKey loser = winner == a ? b : a;
            assertThat(keys().findByName(name)).contains(winner);
            assertThat(keys().find(loser.accessKeyId())).isEmpty();
            assertThat(keys().generation()).as("round %d: one change", round).isEqualTo(generation + 1);
        }
    }

    @Test
    void ofTwoSimultaneousCreatesOfOneIdExactlyOneWins() {
        for (int round = 0; round < 10; round++) {
            String id = unique("AKIARACE");
            StoredAccessKey a = withId(userKey(unique("race")), id);
            StoredAccessKey b = withId(userKey(unique("race")), id);

            List<Race.Outcome<StoredAccessKey>> outcomes = Race.run(() -> create(a), () -> create(b));

            assertThat(outcomes).as("round %d", round).filteredOn(Race.Outcome::succeeded).hasSize(1);
            assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.succeeded()).singleElement()
                    .satisfies(o -> assertThat(o.failure()).isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ALREADY_EXISTS)));
            StoredAccessKey winner = outcomes.get(0).succeeded() ? a : b;
            StoredAccessKey loser = winner == a ? b : a;
            assertThat(keys().find(id)).contains(winner);
            assertThat(keys().findByName(loser.name())).isEmpty();
        }
    }

    private static StoredAccessKey withId(StoredAccessKey key, String id) {
        return new StoredAccessKey(id, key.name(), key.kind(), key.secretCiphertext(), key.sessionTokenHash(),
                key.policies(), key.owner(), key.createdAt(), key.expiresAt());
    }
}
