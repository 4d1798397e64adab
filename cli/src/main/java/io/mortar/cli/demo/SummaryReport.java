package io.mortar.cli.demo;

import static io.mortar.cli.demo.DemoLayout.DATABASE;
import static io.mortar.cli.demo.DemoLayout.RAW_PATH;
import static io.mortar.cli.demo.DemoLayout.RAW_TABLE;
import static io.mortar.cli.demo.DemoLayout.RULES_PATH;
import static io.mortar.cli.demo.DemoLayout.TAGGED_PATH;
import static io.mortar.cli.demo.DemoLayout.TAGGED_TABLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of a demo that succeeded: the top tags, the time it all took, where everything is and commands to look
 * further.
 *
 * @param bucketDir the demo bucket's folder in S3Proxy's data directory
 * @param destination where step 3 sent the summary
 * @param generated step 4's run
 * @param crawlId step 5's crawl
 * @param tagged step 6's run
 */
record SummaryReport(DemoRun.Settings settings, DemoHints hints, Path bucketDir, SummaryDestination destination,
                     JobOutcome generated, String crawlId, JobOutcome tagged) {
    /** Prints the report; {@code startNanos} is when the demo began. */
    void print(DemoOutput out, long startNanos) {
        out.println();
        out.println("Top tags:");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TAG", "ROWS", "SHARE"});
        JsonNode top = tagged.report().path("top");
        for (int k = 0; k < Math.min(10, top.size()); k++) {
            JsonNode t = top.get(k);
            rows.add(new String[] {t.path("tag").asText(), String.format(Locale.ROOT, "%,d", t.path("rows").asLong()),
                String.format(Locale.ROOT, "%.2f %%", 100 * t.path("share").asDouble())});
        }
        out.table(rows);
        out.println();
        out.printf("Done in %s: %,d tickets generated, crawled and tagged with %d rules.%n",
                DemoOutput.seconds(startNanos), settings.rows(), settings.rules());
        out.println();
        printWhereThingsAre(out);
        out.println();
        printLookFurther(out);
        out.flush();
    }

    private void printWhereThingsAre(DemoOutput out) {
        Path mortarDir = hints.layout().mortarDir();
        out.println("Where things are:");
        out.println("  raw tickets      " + RAW_PATH + "  = " + bucketDir.resolve("raw/tickets"));
        out.println("  tagged tickets   " + TAGGED_PATH + "  = " + bucketDir.resolve("tagged/tickets"));
        out.println("  rules            " + RULES_PATH);
        out.println("  catalog          " + DATABASE + "." + RAW_TABLE + ", " + DATABASE + "." + TAGGED_TABLE
                + (destination.postgres().isEmpty() ? ", " + DATABASE + "." + SummaryDestination.SUMMARY_CATALOG_TABLE
                : "") + " in " + mortarDir.resolve("catalog.db"));
        out.println("  summary          " + destination.place());
        out.println("  driver logs      " + hints.layout().driverLog(generated.run().id()));
        out.println("                   " + hints.layout().driverLog(tagged.run().id()));
    }

    private void printLookFurther(DemoOutput out) {
        out.println("Look further:");
        String mortar = hints.mortar();
        if (!hints.keep()) {
            out.println("  bin/mortar server --data-dir " + hints.layout().mortarDir() + "     # serves this catalog"
                    + " again on :8095; then:");
        }
        out.println("  " + mortar + " tables " + DATABASE);
        out.println("  " + mortar + " table " + DATABASE + " " + TAGGED_TABLE);
        out.println("  " + mortar + " partitions " + DATABASE + " " + TAGGED_TABLE);
        out.println("  " + mortar + " runs " + TagStep.JOB);
        out.println("  " + mortar + " logs " + tagged.run().id());
        out.println("  " + mortar + " crawl-log " + crawlId);
        destination.postgres().ifPresent(pg -> out.println("  " + pg.psql("SELECT tag, rows, round((100 * share)"
                + "::numeric, 2) AS pct FROM " + SummaryDestination.SUMMARY_TABLE + " ORDER BY rows DESC LIMIT 10")));
        if (!hints.keep()) {
            out.println("  bin/mortar demo --keep" + "     # to keep S3Proxy and the server running after the demo");
        }
    }
}
