package io.mortar.server.upgrade;

import static java.util.Objects.requireNonNull;

/**
 * A GetPartitions Expression the snapshot evaluates on one table. Expressions compare the typed columns the store
 * keeps for partition keys (numbers by value, dates as dates), so their answers prove those columns survived an
 * upgrade, which reading the partitions' values alone would not.
 */
record PartitionProbe(String database, String table, String expression) {
    PartitionProbe {
        requireNonNull(database, "database");
        requireNonNull(table, "table");
        requireNonNull(expression, "expression");
    }

    boolean isOn(String databaseName, String tableName) {
        return database.equals(databaseName) && table.equals(tableName);
    }
}
