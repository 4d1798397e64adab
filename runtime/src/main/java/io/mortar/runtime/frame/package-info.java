/**
 * Dynamic frames: a Spark {@code Dataset<Row>} plus the records that failed on the way, with Glue's choice types.
 *
 * <p>A choice column is physically a struct whose members are named by type ({@code int}, {@code string}, …; at
 * most one non-null per row). The field holding it carries the metadata {@code "mortar.choice": true}, and each
 * member field carries {@code "mortar.choiceMember": true} so that a choice is recognisable also where no field
 * holds it (an array element). Metadata lives inside Spark's data types, so it rides along through ordinary
 * DataFrame operations and through Parquet files.
 */
package io.mortar.runtime.frame;
