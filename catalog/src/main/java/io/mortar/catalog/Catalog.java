package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.store.catalog.CatalogStore;
import java.time.Clock;

/** The Data Catalog's services over one store, wired together. */
public final class Catalog {
    private final CatalogStore store;
    private final DatabaseService databases;
    private final TableService tables;
    private final TableSearch search;
    private final PartitionService partitions;
    private final ColumnStatisticsService statistics;
    private final FunctionService functions;
    private final TagService tags;

    public Catalog(CatalogStore store, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.databases = new DatabaseService(store, identity, clock);
        this.tables = new TableService(store, databases, identity, clock);
        this.search = new TableSearch(store, tables);
        this.partitions = new PartitionService(store, tables, identity, clock);
        this.statistics = new ColumnStatisticsService(store, tables, partitions);
        this.functions = new FunctionService(store, databases, identity, clock);
        this.tags = new TagService(store, identity);
        tags.registerResourceKind("database", true,
                path -> path.length == 1 && store.getDatabase(path[0]).isPresent());
        tags.registerResourceKind("table", true,
                path -> path.length == 2 && store.getTable(path[0], path[1]).isPresent());
    }

    public DatabaseService databases() {
        return databases;
    }

    public TableService tables() {
        return tables;
    }

    public TableSearch search() {
        return search;
    }

    public PartitionService partitions() {
        return partitions;
    }

    public ColumnStatisticsService statistics() {
        return statistics;
    }

    public FunctionService functions() {
        return functions;
    }

    public TagService tags() {
        return tags;
    }

    public CatalogStore store() {
        return store;
    }

}
