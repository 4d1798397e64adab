package io.mortar.store.catalog;

import java.time.Instant;

/**
 * A table definition as stored: the {@code TableInput} document plus the store-maintained fields. Also the
 * shape of an archived version, whose {@code versionId} is the version it was.
 */
public record StoredTable(long id, String databaseName, String name, long versionId, String document,
                          Instant createTime, Instant updateTime) {}
