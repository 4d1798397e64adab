package io.mortar.bench;

/** The requests of the load benchmark's mix, in the order they are reported. */
enum LoadOperation {
    GET_TABLE("GetTable"),
    GET_PARTITIONS("GetPartitions (Expression)"),
    CREATE_PARTITION("CreatePartition"),
    UPDATE_TABLE("UpdateTable");

    final String label;

    LoadOperation(String label) {
        this.label = label;
    }
}
