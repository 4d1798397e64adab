package io.mortar.store.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A partition to store. {@code storageDescriptor} is the partition's storage descriptor document without its
 * Location (shared by content across partitions), or null when the partition has none.
 */
public record PartitionWrite(List<String> values, String location, String storageDescriptor, String parameters,
                             Instant lastAccessTime, Instant lastAnalyzedTime) {}
