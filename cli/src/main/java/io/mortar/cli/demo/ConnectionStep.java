package io.mortar.cli.demo;

import static io.mortar.cli.demo.DemoLayout.DATABASE;
import static io.mortar.cli.demo.SummaryDestination.CONNECTION;
import static io.mortar.cli.demo.SummaryDestination.SUMMARY_CATALOG_TABLE;
import static io.mortar.cli.demo.SummaryDestination.SUMMARY_PATH;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionPropertyKey;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * Step 3: a Glue JDBC connection to the PostgreSQL the summary goes to, tested with TestConnection. A default
 * PostgreSQL that does not answer sends the summary to the lake (and the connection is deleted); one the user named
 * fails the step.
 */
final class ConnectionStep {
    private final Optional<PostgresTarget> postgres;
    private final GlueClient glue;
    private final DemoOutput out;

    ConnectionStep(Optional<PostgresTarget> postgres, GlueClient glue, DemoOutput out) {
        this.postgres = postgres;
        this.glue = glue;
        this.out = out;
    }

    SummaryDestination run() {
        long t = System.nanoTime();
        if (postgres.isEmpty()) {
            out.line("no PostgreSQL (--postgres none): the summary goes to the lake, as Parquet at %s and the catalog"
                    + " table %s.%s", SUMMARY_PATH, DATABASE, SUMMARY_CATALOG_TABLE);
            return SummaryDestination.lake();
        }
        PostgresTarget pg = postgres.get();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ConnectionPropertyKey.JDBC_CONNECTION_URL.toString(), pg.url());
        properties.put(ConnectionPropertyKey.USERNAME.toString(), pg.user());
        properties.put(ConnectionPropertyKey.PASSWORD.toString(), pg.password());
        glue.createConnection(b -> b.connectionInput(c -> c.name(CONNECTION).connectionType(ConnectionType.JDBC)
                .description("mortar demo: where the tag summary goes").connectionPropertiesWithStrings(properties)));
        try {
            glue.testConnection(b -> b.connectionName(CONNECTION));
        } catch (GlueException e) {
            String cause = e.awsErrorDetails().errorMessage();
            if (pg.explicit()) {
                throw new StepFailure("TestConnection of " + CONNECTION + " (" + pg.display() + ", from "
                        + pg.origin() + ") failed: " + cause, List.of("give a PostgreSQL that answers, or --postgres"
                        + " none to put the summary in the lake instead"));
            }
            glue.deleteConnection(b -> b.connectionName(CONNECTION));
            out.line("no PostgreSQL answered at %s (%s).", pg.display(), cause);
            out.line("The summary goes to the lake instead: Parquet at %s, catalog table %s.%s. For PostgreSQL, pass"
                    + " --postgres 'jdbc:postgresql://HOST:5432/DB?user=U&password=P' or set %s. (%s)", SUMMARY_PATH,
                    DATABASE, SUMMARY_CATALOG_TABLE, PostgresTarget.VARIABLE, DemoOutput.seconds(t));
            return SummaryDestination.lake();
        }
        out.line("Glue connection %s -> %s as %s: TestConnection OK (%s)", CONNECTION, pg.url(), pg.user(),
                DemoOutput.seconds(t));
        return new SummaryDestination(postgres);
    }
}
