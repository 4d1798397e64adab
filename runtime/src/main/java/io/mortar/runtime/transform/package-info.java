/**
 * Glue's transforms on dynamic frames. Each is a small class with a static {@code apply}, also reachable as a
 * method of {@link io.mortar.runtime.frame.DynamicFrame}, and each takes a
 * {@link io.mortar.runtime.frame.TransformOptions} (transformation context and error thresholds). Transforms are
 * Spark SQL expressions where they can be; only per-record user code ({@link Map}, {@link Filter}) and parsing
 * ({@link Unbox}) run Java per row, and their failures become error records.
 */
package io.mortar.runtime.transform;
