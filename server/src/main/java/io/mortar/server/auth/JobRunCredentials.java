package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import io.mortar.auth.policy.Policy;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.jobs.RunCredentials;
import io.mortar.store.jobs.StoredJobRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each job run's own temporary credential: what its driver (the AWS SDK) and its script's boto3 sign Glue calls
 * with. Under {@code MORTAR_*} names, not {@code AWS_*}: those are the S3 keys the driver's S3A and boto3's S3
 * client use, which a Glue credential must not replace. Its
 * policy is the run's scope — the Data Catalog and the connections a job reads and writes, and its own job (its
 * bookmark, its runs) — and it ends with the run: revoked when the run ends, and expiring on its own after the
 * run's timeout, should the server that launched it never see the end.
 */
public final class JobRunCredentials implements RunCredentials {
    /** Beyond the run's timeout: the time a run may take to be seen ending (stop grace, a restarted server). */
    private static final Duration MARGIN = Duration.ofHours(1);
    /** Glue's argument naming the workflow that started a run (the orchestration's WorkflowRunEngine sets it). */
    private static final String WORKFLOW_NAME = "--WORKFLOW_NAME";

    private final AccessKeys keys;
    private final CatalogIdentity identity;
    private final Clock clock;

    public JobRunCredentials(AccessKeys keys, CatalogIdentity identity, Clock clock) {
        this.keys = requireNonNull(keys, "keys");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, String> issue(StoredJobRun run) {
        Instant expires = clock.instant().plus(Duration.ofMinutes(Math.max(1, run.timeoutMinutes()))).plus(MARGIN);
        AccessKeys.Issued issued = keys.issueTemporary(run.id(), List.of(policy(identity, run.jobName(),
                run.arguments().get(WORKFLOW_NAME))), expires);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MORTAR_ACCESS_KEY_ID", issued.accessKeyId());
        env.put("MORTAR_SECRET_ACCESS_KEY", issued.secretAccessKey());
        env.put("MORTAR_SESSION_TOKEN", issued.sessionToken().orElseThrow());
        return env;
    }

    @Override
    public void revoke(String runId) {
        keys.revokeOwnedBy(runId);
    }

    /**
     * The run's scope: the catalog (tables, partitions, statistics, functions), connections, its own job, and — for
     * a run a workflow started ({@code --WORKFLOW_NAME}) — that workflow's runs and their properties, which Glue's
     * jobs read and write to pass state along the workflow.
     */
    static String policy(CatalogIdentity identity, String jobName, String workflowName) {
        List<PolicyDocuments.Allow> statements = new ArrayList<>(List.of(
                new PolicyDocuments.Allow("Catalog", List.of("glue:*Database*", "glue:*Table*", "glue:*Partition*",
                        "glue:*ColumnStatistics*", "glue:*UserDefinedFunction*", "glue:GetConnection",
                        "glue:GetConnections", "glue:GetTags"), List.of("*")),
                new PolicyDocuments.Allow("OwnJob", List.of("glue:GetJob", "glue:GetJobRun", "glue:GetJobRuns",
                        "glue:GetJobBookmark"), List.of(identity.arnPrefix() + "job/" + Policy.literal(jobName)))));
        if (workflowName != null && !workflowName.isBlank()) {
            statements.add(new PolicyDocuments.Allow("OwnWorkflow", List.of("glue:GetWorkflow",
                    "glue:GetWorkflowRun", "glue:GetWorkflowRunProperties", "glue:PutWorkflowRunProperties"),
                    List.of(identity.arnPrefix() + "workflow/" + Policy.literal(workflowName))));
        }
        return PolicyDocuments.of(statements);
    }
}
