package io.mortar.crawler.discovery;

import java.util.List;

/**
 * What crawling one include path found: the tables, the files that could not be used, the grouping decisions that
 * split data into several tables (for dry runs), and how much was read.
 */
public record FileDiscoveryResult(List<DiscoveredTable> tables, List<FileProblem> problems, List<String> notes,
                                  long filesListed, long filesRead, long bytesRead) {
    public FileDiscoveryResult {
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }
}
