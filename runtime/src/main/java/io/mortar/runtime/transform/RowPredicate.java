package io.mortar.runtime.transform;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/** A Filter's test. Runs on executors, so it must be serializable; a throw makes the row an error record. */
@FunctionalInterface
public interface RowPredicate extends Serializable {
    boolean test(Row row) throws Exception;
}
