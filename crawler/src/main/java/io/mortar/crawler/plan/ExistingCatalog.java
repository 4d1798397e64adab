package io.mortar.crawler.plan;

import java.util.List;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/** The catalog as a crawl finds it: the tables of its database, and a table's partitions when asked. */
public interface ExistingCatalog {
    List<Table> tables();

    List<Partition> partitions(String tableName);
}
