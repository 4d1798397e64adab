package io.mortar.crawler.discovery;

import static java.util.Objects.requireNonNull;

/** A file a crawl could not use (unreadable, corrupt, of no known format): recorded, and the crawl goes on. */
public record FileProblem(String location, String problem) {
    public FileProblem {
        requireNonNull(location, "location");
        requireNonNull(problem, "problem");
    }
}
