package io.mortar.runtime.io;

import static io.mortar.runtime.io.OptionsSourceTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC sinks and sources through a real database (an SQLite file): rows written with {@code writeToOptions}
 * are in the table, as read with plain JDBC (append, twice), and read back with {@code fromOptions}, including a query and
 * Spark's partitioned read options passed through.
 */
class JdbcRoundTripTest {
    private final SparkSession spark = SharedSpark.get();
    private final MortarContext mortar = MortarContext.create(spark);

    @TempDir
    Path dir;

    @Test
    void writesAndReadsATable() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("people.db");
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);
        DynamicFrame people = DynamicFrame.fromDF(spark.createDataFrame(List.of(RowFactory.create(1, "anna"),
                RowFactory.create(2, "bert"), RowFactory.create(3, "cleo")), schema), "people");

        // Spark 4 tells a missing table from other errors by SQLSTATE, which SQLite does not set: the table exists
        // before the first write, as it would in a database a job loads into.
        execute(url, "CREATE TABLE people (id INTEGER, name TEXT)");
        WriteResult written = mortar.writeToOptions(people, "jdbc", Map.of("url", url, "dbtable", "people"),
                null, Map.of(), "people_sink");
        assertThat(written.catalogTable()).isNull();
        assertThat(plainJdbc(url, "SELECT id, name FROM people ORDER BY id")).containsExactly("1|anna", "2|bert",
                "3|cleo");

        mortar.writeToOptions(people, "jdbc", Map.of("url", url, "dbtable", "people", "mode", "append"), null,
                Map.of());
        assertThat(plainJdbc(url, "SELECT count(*) FROM people")).containsExactly("6");

        assertThat(rows(mortar.fromOptions("jdbc", Map.of("url", url, "dbtable", "people",
                "partitionColumn", "id", "lowerBound", "1", "upperBound", "4", "numPartitions", "2"), null, Map.of())
                .dynamicFrame().toDF().where("id >= 2")))
                .containsExactly("2|bert", "2|bert", "3|cleo", "3|cleo");
        assertThat(rows(mortar.fromOptions("jdbc", Map.of("url", url,
                "dbtable", "(SELECT name FROM people WHERE id = 1) AS q"), null, Map.of()).dataFrame()))
                .containsExactly("anna", "anna");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute(sql);
        }
    }

    private static List<String> plainJdbc(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                out.add(String.join("|", values));
            }
        }
        return out;
    }
}
