package io.mortar.runtime.transform;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * A Map's function over rows (choices appear as their member structs). Returning null drops the row; a throw, or a
 * row that does not fit the output schema, makes it an error record.
 */
@FunctionalInterface
public interface RowFunction extends Serializable {
    Row apply(Row row) throws Exception;
}
