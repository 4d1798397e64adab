package io.mortar.crawler.plan;

import java.util.List;

/** Everything a crawl will write, table by table, and what it only logs; a dry run's answer. */
public record CrawlPlan(List<TablePlan> tables, List<String> log) {
    public CrawlPlan {
        tables = List.copyOf(tables);
        log = List.copyOf(log);
    }

    public long count(TablePlan.Action action) {
        return tables.stream().filter(t -> t.action() == action).count();
    }

    public long partitionsCreated() {
        return tables.stream().mapToLong(t -> t.createPartitions().size()).sum();
    }

    public long partitionsUpdated() {
        return tables.stream().mapToLong(t -> t.updatePartitions().size()).sum();
    }

    public long partitionsDeleted() {
        return tables.stream().mapToLong(t -> t.deletePartitions().size()).sum();
    }
}
