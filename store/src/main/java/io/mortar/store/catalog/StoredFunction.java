package io.mortar.store.catalog;

import java.time.Instant;

/** A user-defined function: its {@code UserDefinedFunctionInput} document. */
public record StoredFunction(String databaseName, String name, String document, Instant createTime) {}
