package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.PartitionWrite;
import io.mortar.store.catalog.StoredPartitionIndex;
import io.mortar.store.catalog.StoredTable;
import io.mortar.store.jdbc.testing.StoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The contract of {@link CatalogStore}, what every implementation must do, written once against the SPI and run on
 * every backend; split by resource into the {@code Catalog*ContractTest} classes beside this one, which share these
 * fixtures. Nothing here knows SQL: the contract must hold for any future store.
 */
abstract class CatalogStoreContract extends StoreContract {
    /** Times with milliseconds, the precision Glue's timestamps have, so a store that truncates them fails. */
    static final Instant CREATED = Instant.parse("2026-03-04T05:06:07.123Z");
    static final Instant UPDATED = Instant.parse("2026-03-05T06:07:08.456Z");
    static final Instant ACCESSED = Instant.parse("2026-03-06T07:08:09.789Z");
    static final String ARN_PREFIX = "arn:aws:glue:us-east-1:000000000000:";

    protected CatalogStore catalog() {
        return stores().catalog();
    }

    static String databaseArn(String database) {
        return ARN_PREFIX + "database/" + database;
    }

    static String tableArnPrefix(String database) {
        return ARN_PREFIX + "table/" + database + "/";
    }

    static String tableArn(String database, String table) {
        return tableArnPrefix(database) + table;
    }

    /** A stand-in for a Glue input document: the store keeps documents as given, whatever they say. */
    static String document(String name, String detail) {
        return "{\"Name\":\"" + name + "\",\"Description\":\"" + detail + "\"}";
    }

    /** A new database of a name of its own. */
    protected String newDatabase() {
        String name = unique("db");
        catalog().createDatabase(name, document(name, "a database"), CREATED, databaseArn(name), Map.of());
        return name;
    }

    /** A new table of a name of its own, in a database of its own. */
    protected StoredTable newTable() {
        return newTable(newDatabase());
    }

    protected StoredTable newTable(String database) {
        return newTable(database, List.of());
    }

    protected StoredTable newTable(String database, List<StoredPartitionIndex> indexes) {
        String name = unique("t");
        catalog().createTable(database, name, document(name, "version 0"), CREATED, indexes);
        return catalog().getTable(database, name).orElseThrow();
    }

    static PartitionWrite partition(List<String> values, String storageDescriptor) {
        return new PartitionWrite(values, "s3://bucket/" + String.join("/", values), storageDescriptor,
                "{\"p\":\"" + values.get(0) + "\"}", ACCESSED, UPDATED);
    }

    static PartitionWrite partition(String... values) {
        return partition(List.of(values), "{\"InputFormat\":\"text\"}");
    }

    static StoredPartitionIndex index(String name, List<String> keyNames, List<Integer> positions) {
        return new StoredPartitionIndex(name, keyNames, positions, "ACTIVE");
    }

    /** Asserts that the call fails with a GlueException of this code, for further checks of its message. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertGlueError(ThrowingCallable call, GlueErrorCode code) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(GlueException.class,
                e -> assertThat(e.code()).as("error code of \"%s\"", e.getMessage()).isEqualTo(code));
    }

    /**
     * Every item of a paged listing, following the cursors; each page but the last must be full, and no cursor may
     * come back (a listing that does not advance would otherwise be walked forever).
     */
    static <T, K> List<K> walk(Function<String, Page<T>> pages, Function<T, K> key, int pageSize) {
        List<K> all = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            Page<T> page = pages.apply(cursor);
            if (page.nextCursor() != null) {
                assertThat(page.items()).as("a page followed by another").hasSize(pageSize);
                assertThat(cursors.add(page.nextCursor())).as("cursor %s is new", page.nextCursor()).isTrue();
            }
            page.items().forEach(item -> all.add(key.apply(item)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
