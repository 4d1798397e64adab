package io.mortar.store.expression;

import static java.util.Objects.requireNonNull;

/**
 * One partition key of a table, as declared in the table's {@code PartitionKeys}: its name and its Hive type
 * string. The type may be null (Glue's {@code Column.Type} is optional); such a key is {@link
 * PartitionKeyType#UNSUPPORTED}.
 */
public record PartitionKey(String name, String hiveType) {
    public PartitionKey {
        requireNonNull(name, "name");
    }

    public PartitionKeyType type() {
        return PartitionKeyType.of(hiveType);
    }
}
