package io.mortar.runtime.transform;

import java.io.Serializable;
import java.util.Map;

/**
 * A Map's function over records as maps of plain Java values (structs as maps, arrays as lists, a choice as its
 * value), like Glue's Python {@code Map}. It may add, remove and retype fields: the output schema is inferred.
 * Returning null drops the record; a throw makes it an error record. It runs twice per record (once to infer the
 * output schema, once to produce rows), so it must be deterministic, as any Spark function should be.
 */
@FunctionalInterface
public interface RecordFunction extends Serializable {
    Map<String, Object> apply(Map<String, Object> record) throws Exception;
}
