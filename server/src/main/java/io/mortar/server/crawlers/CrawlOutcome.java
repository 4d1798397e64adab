package io.mortar.server.crawlers;

import io.mortar.crawler.discovery.FileProblem;
import io.mortar.crawler.plan.CrawlPlan;
import io.mortar.crawler.plan.TablePlan;
import java.util.List;

/**
 * What one crawl found and decided: a plan per database it writes to, the files it could not use, the grouping
 * notes, and how much it read. A dry run stops here; a crawl then writes the plans.
 */
record CrawlOutcome(List<CrawlPlan> plans, List<FileProblem> problems, List<String> notes, long filesListed,
                    long filesRead, long bytesRead) {
    CrawlOutcome {
        plans = List.copyOf(plans);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    long tables(TablePlan.Action action) {
        return plans.stream().mapToLong(p -> p.count(action)).sum();
    }

    long partitionsCreated() {
        return plans.stream().mapToLong(CrawlPlan::partitionsCreated).sum();
    }

    long partitionsUpdated() {
        return plans.stream().mapToLong(CrawlPlan::partitionsUpdated).sum();
    }

    long partitionsDeleted() {
        return plans.stream().mapToLong(CrawlPlan::partitionsDeleted).sum();
    }

    /** The crawl's log: grouping decisions, unusable files, each table's change and reason, what was only logged. */
    List<String> logLines() {
        List<String> out = new java.util.ArrayList<>();
        notes.forEach(n -> out.add("GROUPING " + n));
        problems.forEach(p -> out.add("SKIPPED FILE " + p.location() + ": " + p.problem()));
        for (CrawlPlan plan : plans) {
            for (TablePlan t : plan.tables()) {
                if (t.writesNothing()) {
                    continue;
                }
                out.add(t.action() + " " + t.database() + "." + t.name() + ": " + t.reason()
                        + (t.details().isEmpty() ? "" : " (" + String.join("; ", t.details()) + ")"));
            }
            plan.log().forEach(l -> out.add("LOG " + l));
        }
        return out;
    }
}
