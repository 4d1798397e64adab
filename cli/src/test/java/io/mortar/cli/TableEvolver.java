package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Replaces one table's definition in a loop (UpdateTable with the expected VersionId), generation after
 * generation. Every part of generation g's definition (description, parameters, columns, location) is derived
 * from g, so a definition mixing two generations, or a version id that does not match its definition, is a torn
 * write and {@link #assertIsGeneration} catches it.
 */
final class TableEvolver implements Runnable {
    static final String TABLE = "evolving";

    private final GlueClient glue;
    private final String database;
    private final AtomicBoolean killing;
    /** Highest generation the server acknowledged (or a restarted server showed). */
    private volatile int acknowledged;
    /** Generation of the update cut off by the kill, if any: it may or may not have committed. */
    private volatile int unresolved = -1;
    private volatile int updatesThisRound;
    private volatile String unexpectedFailure;

    TableEvolver(GlueClient glue, String database, int acknowledged, AtomicBoolean killing) {
        this.glue = glue;
        this.database = database;
        this.acknowledged = acknowledged;
        this.killing = killing;
    }

    @Override
    public void run() {
        while (!killing.get()) {
            int next = acknowledged + 1;
            try {
                glue.updateTable(b -> b.databaseName(database).tableInput(generation(next))
                        .versionId(Integer.toString(next - 1)));
                acknowledged = next;
                updatesThisRound++;
            } catch (RuntimeException e) {
                if (killing.get()) {
                    unresolved = next;
                } else {
                    unexpectedFailure = "UpdateTable to generation " + next + ": " + e;
                }
                return;
            }
        }
    }

    int acknowledged() {
        return acknowledged;
    }

    int unresolved() {
        return unresolved;
    }

    int updatesThisRound() {
        return updatesThisRound;
    }

    String unexpectedFailure() {
        return unexpectedFailure;
    }

    /** Generation g of the table: version id g (it is created as version 0 and each update adds one). */
    static TableInput generation(int g) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i <= g % 7; i++) {
            columns.add(Column.builder().name("c" + i).type("string").build());
        }
        columns.add(Column.builder().name("gen_" + g).type("bigint").build());
        return TableInput.builder()
                .name(TABLE)
                .description("generation " + g)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("generation", Integer.toString(g), "column_count", Integer.toString(columns.size())))
                .storageDescriptor(StorageDescriptor.builder().columns(columns)
                        .location("s3://lake/evolving/generation=" + g + "/").build())
                .build();
    }

    static int generationOf(Table table) {
        return Integer.parseInt(table.parameters().get("generation"));
    }

    /** The table (or table version) is exactly generation g, with version id g: nothing from another write. */
    static void assertIsGeneration(Table table, String versionId, int g) {
        TableInput expected = generation(g);
        assertThat(versionId).as("version id of generation %d", g).isEqualTo(Integer.toString(g));
        assertThat(table.description()).isEqualTo(expected.description());
        assertThat(table.parameters()).isEqualTo(expected.parameters());
        assertThat(table.storageDescriptor().columns()).isEqualTo(expected.storageDescriptor().columns());
        assertThat(table.storageDescriptor().location()).isEqualTo(expected.storageDescriptor().location());
    }
}
