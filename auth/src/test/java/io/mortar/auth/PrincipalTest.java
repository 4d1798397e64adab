package io.mortar.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.auth.policy.Policies;
import io.mortar.auth.policy.Policy;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static final String ARN = "arn:aws:glue:us-east-1:000000000000:";
    private static final String CATALOG = ARN + "catalog";
    private static final String SALES = ARN + "database/sales";
    private static final String HR = ARN + "database/hr";
    private static final String HR_PEOPLE = ARN + "table/hr/people";
    private static final String SALES_ORDERS = ARN + "table/sales/orders";

    private static Principal principal(String name, String... policies) {
        return new Principal("AKIA" + name.toUpperCase(), name, "arn:aws:iam::000000000000:user/" + name,
                Policies.of(List.of(policies).stream().map(Policy::parse).toList()));
    }

    private static GlueException denial(Runnable call) {
        GlueException e = catchThrowableOfType(GlueException.class, call::run);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(GlueErrorCode.ACCESS_DENIED);
        return e;
    }

    private static final String ETL = """
            {"Statement": {"Effect": "Allow", "Action": "glue:*", "Resource": [
              "arn:aws:glue:us-east-1:000000000000:catalog",
              "arn:aws:glue:us-east-1:000000000000:database/sales",
              "arn:aws:glue:us-east-1:000000000000:table/sales/*"]}}""";

    @Test
    void passesWhenEveryResourceIsAllowed() {
        Principal etl = principal("etl", ETL);
        assertThatCode(() -> etl.authorize("glue:GetTable", List.of(CATALOG, SALES, SALES_ORDERS)))
                .doesNotThrowAnyException();
        Principal root = new Principal("AKIAROOT", "root", "arn:aws:iam::000000000000:root", Policies.allowAll());
        assertThatCode(() -> root.authorize("glue:DeleteDatabase", List.of(CATALOG, HR))).doesNotThrowAnyException();
    }

    @Test
    void namesTheFirstResourceThatIsNotAllowedInAwssWords() {
        Principal etl = principal("etl", ETL);
        // The catalog passes, the hr database is the second resource and the first refused; the table after it too.
        GlueException e = denial(() -> etl.authorize("glue:GetTable", List.of(CATALOG, HR, HR_PEOPLE)));
        assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/etl is not authorized to perform:"
                + " glue:GetTable on resource: arn:aws:glue:us-east-1:000000000000:database/hr because no"
                + " identity-based policy allows the glue:GetTable action");
    }

    @Test
    void aReadOnlyAnalystCannotCreateATable() {
        Principal analyst = principal("analyst", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["glue:Get*", "glue:Search*", "glue:BatchGet*"], "Resource": "*"}]}""");
        assertThatCode(() -> analyst.authorize("glue:GetTable", List.of(CATALOG, SALES, SALES_ORDERS)))
                .doesNotThrowAnyException();
        GlueException e = denial(() -> analyst.authorize("glue:CreateTable", List.of(CATALOG, SALES)));
        assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/analyst is not authorized to"
                + " perform: glue:CreateTable on resource: arn:aws:glue:us-east-1:000000000000:catalog because no"
                + " identity-based policy allows the glue:CreateTable action");
    }

    @Test
    void saysWhenTheDenialIsExplicit() {
        Principal p = principal("clerk", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",
                "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"glue:*\",\"Resource\":\"" + ARN + "table/hr/*\"}}");
        GlueException e = denial(() -> p.authorize("glue:GetTable", List.of(CATALOG, HR, HR_PEOPLE)));
        assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/clerk is not authorized to perform:"
                + " glue:GetTable on resource: arn:aws:glue:us-east-1:000000000000:table/hr/people with an explicit"
                + " deny in an identity-based policy");
    }

    @Test
    void decidesAnActionOnNoResourceAgainstStar() {
        // Actions without resource types are decided against "*": only a statement whose Resource matches "*" (as
        // "*" does, and an ARN does not) allows them, and AWS's message then names no resource.
        Principal anyResource = principal("ops", "{\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"glue:GetSecurityConfigurations\",\"Resource\":\"*\"}}");
        assertThatCode(() -> anyResource.authorize("glue:GetSecurityConfigurations", List.of()))
                .doesNotThrowAnyException();
        Principal oneTable = principal("ops", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"glue:*\","
                + "\"Resource\":\"" + SALES_ORDERS + "\"}}");
        GlueException e = denial(() -> oneTable.authorize("glue:GetSecurityConfigurations", List.of()));
        assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/ops is not authorized to perform:"
                + " glue:GetSecurityConfigurations because no identity-based policy allows the"
                + " glue:GetSecurityConfigurations action");
    }

    @Test
    void asksForTheResourcesOnlyWhenThePoliciesLookAtThem() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<List<String>> resources = () -> {
            asked.incrementAndGet();
            return List.of(CATALOG, SALES, SALES_ORDERS);
        };
        Principal root = new Principal("AKIAROOT", "root", "arn:aws:iam::000000000000:root", Policies.allowAll());
        root.authorize("glue:GetTable", resources);
        Principal analyst = principal("analyst", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"glue:Get*\","
                + "\"Resource\":\"*\"}}");
        analyst.authorize("glue:GetTable", resources);
        assertThat(asked).as("an allow on \"Resource\": \"*\" decides by the action alone").hasValue(0);

        // Denied, the message still names the first resource, so the resources are worked out then.
        GlueException e = denial(() -> analyst.authorize("glue:CreateTable", resources));
        assertThat(e.getMessage()).contains("glue:CreateTable on resource: " + CATALOG);
        assertThat(asked).hasValue(1);

        // A policy naming resources needs them for every decision.
        principal("etl", ETL).authorize("glue:GetTable", resources);
        assertThat(asked).hasValue(2);
    }
}
