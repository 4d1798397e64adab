package io.mortar.server.orchestration;

import static java.util.Objects.requireNonNull;

import io.mortar.server.jobs.JobsApi;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.StoredCrawl;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.jobs.StoredJobRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How what an action started stands, in the words of trigger conditions: a job run's state (of its last attempt, so
 * a run retried by MaxRetries counts by how its retries end) or a crawl's {@code CrawlState}.
 */
final class NodeStates {
    /** A start the service refused is recorded with this prefix and the refusal's message. */
    static final String REFUSED = "!";
    /** The state of a node whose start was refused (the job was gone, the crawler busy). */
    static final String ERROR = "ERROR";
    static final String RUNNING = "RUNNING";

    private static final Set<String> JOB_FINAL = Set.of("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR",
            "EXPIRED");
    private static final Set<String> CRAWL_FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final JobStore jobs;
    private final CrawlStore crawls;

    NodeStates(JobStore jobs, CrawlStore crawls) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.crawls = requireNonNull(crawls, "crawls");
    }

    /** A job run and the retries after it, in order; empty when the run is gone (its job deleted). */
    List<StoredJobRun> attempts(String runId) {
        List<StoredJobRun> attempts = new ArrayList<>();
        Optional<StoredJobRun> run = jobs.findRun(runId);
        String original = run.map(r -> r.attempt() == 0 ? r.id() : r.previousRunId()).orElse(runId);
        while (run.isPresent()) {
            attempts.add(run.get());
            run = run.get().state().equals("FAILED")
                    ? jobs.findRun(JobsApi.retryId(original, run.get().attempt() + 1)) : Optional.empty();
        }
        return attempts;
    }

    /**
     * The state of what a node started: WAITING/STARTING/RUNNING/STOPPING or a final job state for a job; RUNNING,
     * SUCCEEDED, FAILED or CANCELLED for a crawl; ERROR when its start was refused or what it started is gone.
     */
    String state(NodeKey.Type type, String started) {
        if (started.startsWith(REFUSED)) {
            return ERROR;
        }
        if (type == NodeKey.Type.JOB) {
            List<StoredJobRun> attempts = attempts(started);
            return attempts.isEmpty() ? ERROR : attempts.get(attempts.size() - 1).state();
        }
        return crawls.get(started).map(NodeStates::crawlState).orElse(ERROR);
    }

    /** A crawl's state as a crawler condition's {@code CrawlState} names it. */
    static String crawlState(StoredCrawl crawl) {
        switch (crawl.state()) {
            case StoredCrawl.COMPLETED:
                return "SUCCEEDED";
            case StoredCrawl.FAILED:
                return "FAILED";
            case StoredCrawl.STOPPED:
                return "CANCELLED";
            default:
                return RUNNING;
        }
    }

    static boolean isFinal(String state) {
        return JOB_FINAL.contains(state) || CRAWL_FINAL.contains(state);
    }
}
