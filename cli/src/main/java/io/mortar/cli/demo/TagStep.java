package io.mortar.cli.demo;

import static io.mortar.cli.demo.DemoLayout.DATABASE;
import static io.mortar.cli.demo.DemoLayout.RAW_TABLE;
import static io.mortar.cli.demo.DemoLayout.RULES_PATH;
import static io.mortar.cli.demo.DemoLayout.TAGGED_PATH;
import static io.mortar.cli.demo.DemoLayout.TAGGED_TABLE;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.cli.Sizes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Step 6: a Spark job reads the crawled table through the catalog, tags every ticket with the rules, writes the
 * tagged tickets back as Parquet with a catalog table, and the per-tag summary to its {@link SummaryDestination}.
 */
final class TagStep {
    static final String JOB = "demo-tag";
    static final String JOB_CLASS = "io.mortar.runtime.demo.TagTickets";

    private final DemoRun.Settings settings;
    private final SummaryDestination destination;
    private final GlueClient glue;
    private final JobRunner jobs;
    private final DemoHints hints;
    private final DemoOutput out;

    TagStep(DemoRun.Settings settings, SummaryDestination destination, GlueClient glue, JobRunner jobs,
            DemoHints hints, DemoOutput out) {
        this.settings = settings;
        this.destination = destination;
        this.glue = glue;
        this.jobs = jobs;
        this.hints = hints;
        this.out = out;
    }

    JobOutcome run() {
        long t = System.nanoTime();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--class", JOB_CLASS);
        args.put("--database", DATABASE);
        args.put("--table", RAW_TABLE);
        args.put("--rules", RULES_PATH);
        args.put("--output", TAGGED_PATH);
        args.put("--output-table", TAGGED_TABLE);
        args.putAll(destination.jobArguments());
        JobOutcome outcome = jobs.run(JOB, "mortar demo: tag the tickets by regex rules; Parquet back, and a per-tag"
                + " summary", args, t);
        JsonNode tagged = outcome.report();
        long rows = tagged.path("rows").asLong();
        double tagSeconds = tagged.path("tagWriteSeconds").asDouble();
        out.line("%s.%s's definition and partitions read through the catalog, %d rules from %s and compiled (%.1f s)",
                DATABASE, RAW_TABLE, tagged.path("rules").asInt(), RULES_PATH, tagged.path("readSeconds").asDouble());
        out.line("read, tagged and wrote %,d rows in %.1f s: %,.0f rows/s; %d guard trips", rows, tagSeconds,
                tagSeconds > 0 ? rows / tagSeconds : 0.0, tagged.path("guardTrips").asLong());
        long taggedRows = tagged.path("taggedRows").asLong();
        out.line("%,d rows (%s) have at least one tag, %,d tags in all; %d of the rules' %d tags occur",
                taggedRows, DemoOutput.percent(taggedRows, rows), tagged.path("tagAssignments").asLong(),
                tagged.path("distinctTags").asInt(), tagged.path("ruleTags").asInt());
        long partitions = CrawlStep.partitions(glue, TAGGED_TABLE);
        out.line("%d Parquet files, %s, at %s; catalog table %s.%s (%s, %d partitions)", tagged.path("files").asLong(),
                Sizes.bytes(tagged.path("bytes").asLong()), TAGGED_PATH, DATABASE, TAGGED_TABLE,
                tagged.path("tableCreated").asBoolean() ? "created" : "updated", partitions);
        out.line("summary (tag, rows, share) %s (%.1f s to count, %.1f s to store)", destination.place(),
                tagged.path("summarySeconds").asDouble(), tagged.path("storeSeconds").asDouble());
        if (rows != settings.rows()) {
            throw new StepFailure(String.format(Locale.ROOT, "the tagged table has %,d rows, not the %,d generated",
                    rows, settings.rows()), hints.forRun(JOB, outcome.run().id()));
        }
        return outcome;
    }
}
