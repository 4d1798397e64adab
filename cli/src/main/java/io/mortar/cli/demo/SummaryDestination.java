package io.mortar.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the tag job writes its per-tag summary: a PostgreSQL table through the Glue connection, or (without a
 * PostgreSQL that answers) Parquet in the lake with a catalog table.
 *
 * @param postgres the PostgreSQL the connection reaches; empty for the lake
 */
record SummaryDestination(Optional<PostgresTarget> postgres) {
    static final String CONNECTION = "demo-postgres";
    static final String SUMMARY_TABLE = "public.demo_tag_summary";
    static final String SUMMARY_PATH = "s3://demo/summary/tag_summary/";
    static final String SUMMARY_CATALOG_TABLE = "tag_summary";

    static SummaryDestination lake() {
        return new SummaryDestination(Optional.empty());
    }

    /** The tag job's arguments that say where the summary goes. */
    Map<String, String> jobArguments() {
        Map<String, String> args = new LinkedHashMap<>();
        if (postgres.isPresent()) {
            args.put("--connection", CONNECTION);
            args.put("--summary-table", SUMMARY_TABLE);
        } else {
            args.put("--summary-path", SUMMARY_PATH);
            args.put("--summary-catalog-table", SUMMARY_CATALOG_TABLE);
        }
        return args;
    }

    /** For the report, e.g. {@code in the lake: s3://…, catalog table demo.tag_summary}. */
    String place() {
        return postgres.map(pg -> "in PostgreSQL: " + SUMMARY_TABLE + " at " + pg.url() + " (connection "
                + CONNECTION + ")").orElse("in the lake: " + SUMMARY_PATH + ", catalog table " + DemoLayout.DATABASE
                + "." + SUMMARY_CATALOG_TABLE);
    }
}
