package io.mortar.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.auth.policy.Decision;
import io.mortar.auth.policy.Policies;
import io.mortar.auth.policy.Policy;
import io.mortar.catalog.CatalogIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a job run's own credential allows: the catalog, its job, and the workflow that started it. */
class JobRunCredentialsTest {
    private static final String ARN = CatalogIdentity.DEFAULT.arnPrefix();

    @Test
    void aRunReachesTheCatalogAndItsOwnJobOnly() {
        Policies run = policies(JobRunCredentials.policy(CatalogIdentity.DEFAULT, "load", null));

        assertThat(run.decide("glue:GetTable", ARN + "table/sales/orders")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:BatchCreatePartition", ARN + "table/sales/orders")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:GetJobBookmark", ARN + "job/load")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:GetJobBookmark", ARN + "job/other")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(run.decide("glue:StartJobRun", ARN + "job/load")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(run.decide("glue:GetWorkflowRunProperties", ARN + "workflow/ingest"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aRunAWorkflowStartedReadsAndWritesThatWorkflowsRunProperties() {
        Policies run = policies(JobRunCredentials.policy(CatalogIdentity.DEFAULT, "load", "ingest"));

        assertThat(run.decide("glue:GetWorkflowRunProperties", ARN + "workflow/ingest")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:PutWorkflowRunProperties", ARN + "workflow/ingest")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:GetWorkflowRun", ARN + "workflow/ingest")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:PutWorkflowRunProperties", ARN + "workflow/other"))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(run.decide("glue:StopWorkflowRun", ARN + "workflow/ingest")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aNameWithQuotesStaysAName() {
        // a job named to break out of its string must not add a resource to its run's policy
        Policies run = policies(JobRunCredentials.policy(CatalogIdentity.DEFAULT, "x\",\"*", null));

        assertThat(run.decide("glue:GetJobBookmark", ARN + "job/other")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(run.decide("glue:GetJobBookmark", ARN + "job/x\",\"*")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aNameWithWildcardCharactersMeansOnlyItself() {
        // a job named "a*" (Glue allows it) must not reach every job whose name starts with "a"
        Policies run = policies(JobRunCredentials.policy(CatalogIdentity.DEFAULT, "a*", "w?"));

        assertThat(run.decide("glue:GetJobBookmark", ARN + "job/a*")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:GetJobBookmark", ARN + "job/abc")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(run.decide("glue:PutWorkflowRunProperties", ARN + "workflow/w?")).isEqualTo(Decision.ALLOW);
        assertThat(run.decide("glue:PutWorkflowRunProperties", ARN + "workflow/wx")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    private static Policies policies(String json) {
        return Policies.of(List.of(Policy.parse(json)));
    }
}
