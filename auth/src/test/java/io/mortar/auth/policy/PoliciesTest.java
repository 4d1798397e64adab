package io.mortar.auth.policy;

import static io.mortar.auth.policy.Decision.ALLOW;
import static io.mortar.auth.policy.Decision.EXPLICIT_DENY;
import static io.mortar.auth.policy.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM's evaluation of identity-based policies: explicit deny wins, then any allow, else implicit deny. */
class PoliciesTest {
    static final String ARN = "arn:aws:glue:us-east-1:000000000000:";
    static final String CATALOG = ARN + "catalog";
    static final String SALES = ARN + "database/sales";
    static final String SALES_ORDERS = ARN + "table/sales/orders";
    static final String HR = ARN + "database/hr";
    static final String HR_PEOPLE = ARN + "table/hr/people";

    /** A read-only analyst: every Get, Search and BatchGet, on everything. */
    static final String ANALYST = """
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Sid": "ReadOnly",
                "Effect": "Allow",
                "Action": ["glue:Get*", "glue:Search*", "glue:BatchGet*"],
                "Resource": "*"
              }]
            }""";

    /** An ETL key limited to one database: anything on the catalog, the sales database and its tables. */
    static final String ETL = """
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Action": "glue:*",
                "Resource": [
                  "arn:aws:glue:us-east-1:000000000000:catalog",
                  "arn:aws:glue:us-east-1:000000000000:database/sales",
                  "arn:aws:glue:us-east-1:000000000000:table/sales/*"
                ]
              }]
            }""";

    private static Policies policies(String... documents) {
        return Policies.of(Arrays.stream(documents).map(Policy::parse).toList());
    }

    private static String allow(String action, String resource) {
        return statement("Allow", "Action", action, "Resource", resource);
    }

    private static String statement(String effect, String actionKey, String action, String resourceKey,
            String resource) {
        return "{\"Statement\":{\"Effect\":\"" + effect + "\",\"" + actionKey + "\":\"" + action + "\",\""
                + resourceKey + "\":\"" + resource + "\"}}";
    }

    @Test
    void deniesByDefault() {
        assertThat(Policies.of(List.of()).decide("glue:GetTable", SALES_ORDERS)).isEqualTo(IMPLICIT_DENY);
        Policies onlyDatabases = policies(allow("glue:GetDatabase", SALES));
        assertThat(onlyDatabases.decide("glue:GetDatabase", SALES)).isEqualTo(ALLOW);
        assertThat(onlyDatabases.decide("glue:GetDatabase", HR)).isEqualTo(IMPLICIT_DENY);
        assertThat(onlyDatabases.decide("glue:DeleteDatabase", SALES)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void allowAllIsTheRootKeysPolicy() {
        Policies root = Policies.allowAll();
        assertThat(root.decide("glue:DeleteDatabase", HR)).isEqualTo(ALLOW);
        assertThat(root.decide("glue:CreateTable", SALES)).isEqualTo(ALLOW);
        assertThat(root.policies()).singleElement().extracting(Policy::json)
                .isEqualTo("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }

    @Test
    void matchesWildcardsInActionsIgnoringCaseAndInResourcesWithCase() {
        Policies p = policies(allow("glue:Get*", ARN + "table/sales/*"));
        assertThat(p.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(p.decide("GLUE:gettable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(p.decide("glue:GetPartitions", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(p.decide("glue:UpdateTable", SALES_ORDERS)).isEqualTo(IMPLICIT_DENY);
        assertThat(p.decide("glue:GetTable", ARN + "table/Sales/orders")).isEqualTo(IMPLICIT_DENY);
        assertThat(p.decide("glue:GetTable", HR_PEOPLE)).isEqualTo(IMPLICIT_DENY);
        Policies exact = policies(allow("GLUE:gettable", SALES_ORDERS));
        assertThat(exact.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        Policies oneChar = policies(allow("glue:Get?able", ARN + "table/sales/order?"));
        assertThat(oneChar.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(oneChar.decide("glue:GetTables", SALES_ORDERS)).isEqualTo(IMPLICIT_DENY);
        assertThat(oneChar.decide("glue:GetTable", SALES_ORDERS + "2")).isEqualTo(IMPLICIT_DENY);
        Policies anyRegion = policies(allow("*", "arn:aws:glue:*:000000000000:table/*"));
        assertThat(anyRegion.decide("glue:DeleteTable", HR_PEOPLE)).isEqualTo(ALLOW);
        assertThat(anyRegion.decide("glue:DeleteTable", HR)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void anExplicitDenyInOnePolicyWinsOverAnAllowInAnother() {
        String allowAll = allow("glue:*", "*");
        String denyHr = statement("Deny", "Action", "glue:*", "Resource", ARN + "table/hr/*");
        Policies p = policies(allowAll, denyHr);
        assertThat(p.decide("glue:GetTable", HR_PEOPLE)).isEqualTo(EXPLICIT_DENY);
        assertThat(p.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        // The order of the policies does not matter.
        assertThat(policies(denyHr, allowAll).decide("glue:GetTable", HR_PEOPLE)).isEqualTo(EXPLICIT_DENY);
        // A deny that allows nothing else is still only a deny: nothing allows the rest.
        assertThat(policies(denyHr).decide("glue:GetTable", SALES_ORDERS)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void anExplicitDenyWinsWithinOnePolicy() {
        Policies p = policies("""
                {"Statement": [
                  {"Effect": "Allow", "Action": "glue:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "glue:Delete*", "Resource": "*"}
                ]}""");
        assertThat(p.decide("glue:DeleteTable", SALES_ORDERS)).isEqualTo(EXPLICIT_DENY);
        assertThat(p.decide("glue:deletedatabase", SALES)).isEqualTo(EXPLICIT_DENY);
        assertThat(p.decide("glue:CreateTable", SALES)).isEqualTo(ALLOW);
    }

    @Test
    void notActionAppliesToEveryActionButThoseListed() {
        Policies p = policies("""
                {"Statement": {"Effect": "Allow", "NotAction": ["glue:Delete*", "glue:CreateJob"], "Resource": "*"}}""");
        assertThat(p.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(p.decide("glue:UpdateTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(p.decide("glue:DeleteTable", SALES_ORDERS)).isEqualTo(IMPLICIT_DENY);
        assertThat(p.decide("glue:createjob", ARN + "job/nightly")).isEqualTo(IMPLICIT_DENY);
        // As a Deny, NotAction denies everything else: only Get* remains allowed.
        Policies onlyReads = policies(allow("*", "*"),
                statement("Deny", "NotAction", "glue:Get*", "Resource", "*"));
        assertThat(onlyReads.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(onlyReads.decide("glue:CreateTable", SALES)).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void notResourceAppliesToEveryResourceButThoseListed() {
        Policies p = policies(statement("Allow", "Action", "glue:*", "NotResource", ARN + "table/hr/*"));
        assertThat(p.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(p.decide("glue:GetTable", HR_PEOPLE)).isEqualTo(IMPLICIT_DENY);
        Policies denyOutsideSales = policies(allow("*", "*"), """
                {"Statement": {"Effect": "Deny", "Action": "glue:*",
                  "NotResource": ["arn:aws:glue:us-east-1:000000000000:catalog",
                                  "arn:aws:glue:us-east-1:000000000000:database/sales",
                                  "arn:aws:glue:us-east-1:000000000000:table/sales/*"]}}""");
        assertThat(denyOutsideSales.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(denyOutsideSales.decide("glue:GetTable", HR_PEOPLE)).isEqualTo(EXPLICIT_DENY);
        assertThat(denyOutsideSales.decide("glue:GetDatabase", HR)).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void aReadOnlyAnalystReadsButCannotCreate() {
        Policies analyst = policies(ANALYST);
        assertThat(analyst.decide("glue:GetTable", SALES_ORDERS)).isEqualTo(ALLOW);
        assertThat(analyst.decide("glue:GetDatabases", CATALOG)).isEqualTo(ALLOW);
        assertThat(analyst.decide("glue:SearchTables", CATALOG)).isEqualTo(ALLOW);
        assertThat(analyst.decide("glue:BatchGetPartition", HR_PEOPLE)).isEqualTo(ALLOW);
        assertThat(analyst.decide("glue:CreateTable", SALES)).isEqualTo(IMPLICIT_DENY);
        assertThat(analyst.decide("glue:DeleteTable", SALES_ORDERS)).isEqualTo(IMPLICIT_DENY);
        assertThat(analyst.decide("glue:BatchDeleteTable", SALES)).isEqualTo(IMPLICIT_DENY);
        assertThat(analyst.decide("glue:StartJobRun", ARN + "job/nightly")).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void anEtlKeyLimitedToOneDatabase() {
        Policies etl = policies(ETL);
        for (String resource : List.of(CATALOG, SALES, SALES_ORDERS)) {
            assertThat(etl.decide("glue:GetTable", resource)).as(resource).isEqualTo(ALLOW);
        }
        assertThat(etl.decide("glue:CreateTable", SALES)).isEqualTo(ALLOW);
        assertThat(etl.decide("glue:GetTable", HR)).isEqualTo(IMPLICIT_DENY);
        assertThat(etl.decide("glue:GetTable", HR_PEOPLE)).isEqualTo(IMPLICIT_DENY);
        // database/sales is exact: a database whose name begins with "sales" is another database.
        assertThat(etl.decide("glue:GetDatabase", ARN + "database/sales_archive")).isEqualTo(IMPLICIT_DENY);
        assertThat(etl.decide("glue:GetTable", ARN + "table/sales_archive/orders")).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void isResourceBlindOnlyWhenEveryStatementCoversEveryResource() {
        assertThat(Policies.allowAll().resourceBlind()).isTrue();
        assertThat(policies("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"glue:Get*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"glue:Delete*\",\"Resource\":[\"" + HR + "\",\"*\"]}]}")
                .resourceBlind()).isTrue();
        // One statement on named resources, a NotResource, or a pattern short of "*": the resource matters.
        assertThat(policies("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"glue:Get*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"glue:Delete*\",\"Resource\":\"" + HR + "\"}]}")
                .resourceBlind()).isFalse();
        assertThat(policies("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"" + HR
                + "\"}}").resourceBlind()).isFalse();
        assertThat(policies("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:glue:*\"}}")
                .resourceBlind()).isFalse();
        assertThat(policies().resourceBlind()).isTrue(); // no statement: every request implicitly denied alike
    }
}
