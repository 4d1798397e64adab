package io.mortar.runtime.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Partition;

/**
 * Glue's {@code push_down_predicate}: a Spark SQL predicate over the partition columns, applied on the driver to
 * the partitions the catalog listed, before any file is read. Spark itself evaluates it, over a small local
 * DataFrame holding each partition's values typed by the table's partition keys, so the predicate means exactly
 * what it would in a query.
 */
final class PartitionFilter {
    private static final String INDEX = "__mortar_partition_index";

    private PartitionFilter() {}

    static List<Partition> apply(SparkSession spark, CatalogTable table, List<Partition> partitions, String predicate) {
        if (predicate == null || predicate.isBlank()) {
            return partitions;
        }
        if (partitions.isEmpty()) {
            return partitions;
        }
        StructType partitionSchema = table.partitionSchema();
        StructType raw = new StructType().add(INDEX, DataTypes.IntegerType);
        for (StructField key : partitionSchema.fields()) {
            raw = raw.add(key.name(), DataTypes.StringType);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            Object[] values = new Object[partitionSchema.size() + 1];
            values[0] = i;
            List<String> partitionValues = partitions.get(i).values();
            for (int k = 0; k < partitionSchema.size(); k++) {
                String v = k < partitionValues.size() ? partitionValues.get(k) : null;
                values[k + 1] = CatalogTable.NULL_PARTITION.equals(v) ? null : v;
            }
            rows.add(RowFactory.create(values));
        }
        List<Column> typed = new ArrayList<>();
        typed.add(functions.col(INDEX));
        for (StructField key : partitionSchema.fields()) {
            typed.add(functions.col(key.name()).cast(key.dataType()).as(key.name()));
        }
        Dataset<Row> values = spark.createDataFrame(rows, raw).select(typed.toArray(Column[]::new));
        List<Row> kept;
        try {
            kept = values.where(predicate).select(INDEX).orderBy(INDEX).collectAsList();
        } catch (Exception e) {
            if (!(e instanceof AnalysisException)) {
                throw e;
            }
            throw new IllegalArgumentException("The pushDownPredicate '" + predicate + "' is not a valid predicate"
                    + " over the partition keys " + Arrays.toString(partitionSchema.fieldNames()) + " of "
                    + table.qualifiedName() + ": " + ((AnalysisException) e).getSimpleMessage(), e);
        }
        List<Partition> out = new ArrayList<>(kept.size());
        for (Row row : kept) {
            out.add(partitions.get(row.getInt(0)));
        }
        return out;
    }
}
