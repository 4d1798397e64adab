package io.mortar.server.crawlers;

import io.mortar.catalog.Catalog;
import io.mortar.crawler.plan.ExistingCatalog;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/** A database's tables and partitions as the planner reads them, through the catalog's services, page by page. */
final class CatalogSnapshot implements ExistingCatalog {
    /** The largest pages GetTables (100) and GetPartitions (1000) give. */
    private static final int TABLE_PAGE = 100;
    private static final int PARTITION_PAGE = 1000;

    private final Catalog catalog;
    private final String database;

    CatalogSnapshot(Catalog catalog, String database) {
        this.catalog = catalog;
        this.database = database;
    }

    @Override
    public List<Table> tables() {
        List<Table> out = new ArrayList<>();
        String token = null;
        do {
            GetTablesResponse page;
            try {
                page = catalog.tables().getTables(GetTablesRequest.builder().databaseName(database).nextToken(token)
                        .maxResults(TABLE_PAGE).build());
            } catch (io.mortar.model.GlueException e) {
                if (e.code() == io.mortar.model.GlueErrorCode.ENTITY_NOT_FOUND) {
                    return List.of(); // the crawl creates the database
                }
                throw e;
            }
            out.addAll(page.tableList());
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    @Override
    public List<Partition> partitions(String tableName) {
        List<Partition> out = new ArrayList<>();
        String token = null;
        do {
            GetPartitionsResponse page = catalog.partitions().getPartitions(GetPartitionsRequest.builder()
                    .databaseName(database).tableName(tableName).nextToken(token).maxResults(PARTITION_PAGE).build());
            out.addAll(page.partitions());
            token = page.nextToken();
        } while (token != null);
        return out;
    }
}
