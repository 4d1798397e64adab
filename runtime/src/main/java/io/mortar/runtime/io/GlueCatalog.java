package io.mortar.runtime.io;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** The catalog calls the runtime makes, over the Glue API of the Mortar server (or any Glue endpoint). */
public final class GlueCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(GlueCatalog.class);
    /** BatchCreatePartition's limit per call. */
    private static final int PARTITION_BATCH = 100;

    private final GlueClient glue;

    public GlueCatalog(GlueClient glue) {
        this.glue = requireNonNull(glue, "glue");
    }

    public Table table(String database, String table) {
        return glue.getTable(r -> r.databaseName(database).name(table)).table();
    }

    public Optional<Table> findTable(String database, String table) {
        try {
            return Optional.of(table(database, table));
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<Database> findDatabase(String database) {
        try {
            return Optional.of(glue.getDatabase(r -> r.name(database)).database());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    /** All partitions of a table, page by page; {@code expression} (Glue's syntax) is evaluated by the server. */
    public List<Partition> partitions(String database, String table, String expression) {
        GetPartitionsRequest.Builder request = GetPartitionsRequest.builder().databaseName(database).tableName(table);
        if (expression != null && !expression.isBlank()) {
            request.expression(expression);
        }
        List<Partition> out = new ArrayList<>();
        glue.getPartitionsPaginator(request.build()).forEach(page -> out.addAll(page.partitions()));
        return out;
    }

    public void createTable(String database, TableInput table) {
        glue.createTable(r -> r.databaseName(database).tableInput(table));
    }

    public void updateTable(String database, TableInput table) {
        glue.updateTable(r -> r.databaseName(database).tableInput(table));
    }

    /**
     * Adds partitions, a hundred per call. Ones that exist already are not an error (a sink rewriting a
     * partition); any other per-partition failure is.
     *
     * @return how many were created
     */
    public int addPartitions(String database, String table, List<PartitionInput> partitions) {
        int created = 0;
        for (int from = 0; from < partitions.size(); from += PARTITION_BATCH) {
            List<PartitionInput> batch = partitions.subList(from, Math.min(partitions.size(), from + PARTITION_BATCH));
            BatchCreatePartitionResponse response = glue.batchCreatePartition(r -> r.databaseName(database)
                    .tableName(table).partitionInputList(batch));
            int failed = 0;
            for (PartitionError error : response.errors()) {
                String code = error.errorDetail() == null ? "" : error.errorDetail().errorCode();
                if (!"AlreadyExistsException".equals(code)) {
                    throw new IllegalStateException("Cannot add partition " + error.partitionValues() + " to "
                            + database + "." + table + ": " + code + ": " + error.errorDetail().errorMessage());
                }
                failed++;
            }
            created += batch.size() - failed;
        }
        LOG.info("Added {} new partitions to {}.{}", created, database, table);
        return created;
    }
}
