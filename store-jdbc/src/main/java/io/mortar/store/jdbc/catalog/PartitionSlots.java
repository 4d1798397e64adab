package io.mortar.store.jdbc.catalog;

import io.mortar.model.GlueException;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.expression.PartitionValueCodec;
import java.util.List;

/**
 * The typed key columns of the partitions table: the first {@value #COUNT} partition keys each get one,
 * holding the value in {@link io.mortar.store.expression.PartitionValueCodec}'s order-preserving encoding.
 */
public final class PartitionSlots {
    public static final int COUNT = 10;

    private PartitionSlots() {}

    /**
     * Whether a table whose partition keys change from {@code before} to {@code after} needs its partitions' slot
     * columns recomputed: a slot gains or loses its key, or its key's values encode differently.
     */
    public static boolean encodingChanged(List<PartitionKey> before, List<PartitionKey> after) {
        for (int i = 0; i < COUNT; i++) {
            PartitionKey was = i < before.size() ? before.get(i) : null;
            PartitionKey is = i < after.size() ? after.get(i) : null;
            if ((was == null) != (is == null) || was != null && !PartitionValueCodec.sameEncoding(was, is)) {
                return true;
            }
        }
        return false;
    }

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
