package io.mortar.store.catalog;

import java.time.Instant;

/** A database as stored: its {@code DatabaseInput} document and what the store adds. */
public record StoredDatabase(long id, String name, String document, Instant createTime) {}
