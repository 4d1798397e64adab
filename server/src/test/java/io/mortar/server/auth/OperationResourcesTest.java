package io.mortar.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableRequest;
import software.amazon.awssdk.services.glue.model.BatchGetJobsRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetCrawlerMetricsRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetJobsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsRequest;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;
import software.amazon.awssdk.services.glue.model.TagResourceRequest;

class OperationResourcesTest {
    private static final String ARN = "arn:aws:glue:eu-west-1:123456789012:";
    /** Operations whose objects have no ARN (classifiers), or that list objects outside the catalog: {@code *}. */
    private static final Set<String> UNSCOPED = Set.of("CreateClassifier", "DeleteClassifier", "GetClassifier",
            "GetClassifiers", "UpdateClassifier", "GetJobs", "ListJobs", "GetCrawlers", "ListCrawlers", "GetTriggers",
            "ListTriggers", "ListWorkflows");

    private final OperationResources resources = new OperationResources(new CatalogIdentity("123456789012",
            "eu-west-1"));

    @Test
    void everyOperationTheServerAnswersHasItsResourcesOrIsKnownToNeedTheWildcard() {
        Set<String> operations;
        try (TestServer server = TestServer.start(StoreBackend.SQLITE)) {
            operations = server.server().operationNames();
        }
        Set<String> withoutRule = new TreeSet<>();
        for (String operation : operations) {
            if (!OperationResources.hasRule(operation)) {
                withoutRule.add(operation);
            }
        }
        // a new operation must be given its resources (or be added here, knowingly)
        assertThat(withoutRule).isEqualTo(new TreeSet<>(UNSCOPED));
    }

    @Test
    void aTableIsReachedThroughItsCatalogAndDatabaseWithNamesFolded() {
        assertThat(resources.of("GetTable", GetTableRequest.builder().databaseName("Sales").name("Orders").build()))
                .containsExactly(ARN + "catalog", ARN + "database/sales", ARN + "table/sales/orders");
        assertThat(resources.of("CreateTable", CreateTableRequest.builder().databaseName("sales")
                .tableInput(t -> t.name("new")).build())).endsWith(ARN + "table/sales/new");
        assertThat(resources.of("GetPartitions", GetPartitionsRequest.builder().databaseName("sales")
                .tableName("orders").expression("year > 1").build())).endsWith(ARN + "table/sales/orders");
        assertThat(resources.of("BatchDeleteTable", BatchDeleteTableRequest.builder().databaseName("sales")
                .tablesToDelete("a", "b").build())).containsExactly(ARN + "catalog", ARN + "database/sales",
                ARN + "table/sales/a", ARN + "table/sales/b");
    }

    @Test
    void operationsOverManyObjectsNeedTheirKindsWildcard() {
        assertThat(resources.of("GetDatabases", GetDatabasesRequest.builder().build()))
                .containsExactly(ARN + "catalog", ARN + "database/*");
        assertThat(resources.of("DeleteDatabase", DeleteDatabaseRequest.builder().name("hr").build()))
                .contains(ARN + "table/hr/*", ARN + "userDefinedFunction/hr/*");
        assertThat(resources.of("GetUserDefinedFunctions", GetUserDefinedFunctionsRequest.builder()
                .pattern("*").build())).endsWith(ARN + "userDefinedFunction/*/*");
        assertThat(resources.of("GetJobs", GetJobsRequest.builder().build())).containsExactly("*");
        assertThat(resources.of("GetCrawlerMetrics", GetCrawlerMetricsRequest.builder().build()))
                .containsExactly("*");
    }

    @Test
    void jobsBatchesAndTagsNameTheirObjects() {
        assertThat(resources.of("StartJobRun", StartJobRunRequest.builder().jobName("Nightly").build()))
                .containsExactly(ARN + "job/Nightly"); // job names keep their case
        assertThat(resources.of("BatchGetJobs", BatchGetJobsRequest.builder().jobNames("a", "b").build()))
                .containsExactly(ARN + "job/a", ARN + "job/b");
        assertThat(resources.of("TagResource", TagResourceRequest.builder().resourceArn(ARN + "crawler/c").build()))
                .containsExactly(ARN + "crawler/c");
    }
}
