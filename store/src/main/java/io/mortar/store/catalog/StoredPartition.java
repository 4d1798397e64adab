package io.mortar.store.catalog;

import java.time.Instant;
import java.util.List;

/** A stored partition; {@code storageDescriptor} as in {@link PartitionWrite}, shared between partitions. */
public record StoredPartition(long id, List<String> values, String location, String storageDescriptor,
                              String parameters, Instant createTime, Instant lastAccessTime,
                              Instant lastAnalyzedTime) {}
