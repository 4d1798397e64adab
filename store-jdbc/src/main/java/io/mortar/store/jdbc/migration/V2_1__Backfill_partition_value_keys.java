package io.mortar.store.jdbc.migration;

import io.mortar.store.jdbc.catalog.PartitionValueKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 2.1: every partition's {@code value_key} from its value list, computed in Java rather than SQL because
 * SQL's string length and substring count characters, not the UTF-16 units {@link PartitionValueKey#of} counts,
 * and the two must agree for every lookup to find its row.
 */
public final class V2_1__Backfill_partition_value_keys extends BaseJavaMigration {
    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (PreparedStatement select = c.prepareStatement("SELECT id, value_list FROM partitions");
             PreparedStatement update = c.prepareStatement("UPDATE partitions SET value_key = ? WHERE id = ?")) {
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery()) {
                int pending = 0;
                while (rs.next()) {
                    update.setString(1, PartitionValueKey.of(rs.getString(2)));
                    update.setLong(2, rs.getLong(1));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
    }
}
