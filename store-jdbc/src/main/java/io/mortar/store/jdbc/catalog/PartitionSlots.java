package io.mortar.store.jdbc.catalog;

import io.mortar.model.GlueException;

/**
 * The typed key columns of the partitions table: the first {@value #COUNT} partition keys each get one,
 * holding the value in {@link io.mortar.store.expression.PartitionValueCodec}'s order-preserving encoding.
 */
public final class PartitionSlots {
    public static final int COUNT = 10;

    private PartitionSlots() {}

    /** The SQL column (aliased {@code p}) holding key {@code position}'s encoded value. */
    public static String column(int position) {
        if (position >= COUNT) {
            throw GlueException.invalidInput(
                    "Expressions can filter on the first %d partition keys only; key %d is beyond them.", COUNT,
                    position + 1);
        }
        return "p.k" + (position + 1);
    }
}
