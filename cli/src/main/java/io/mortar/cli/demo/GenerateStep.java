package io.mortar.cli.demo;

import static io.mortar.cli.demo.DemoLayout.RAW_PATH;
import static io.mortar.cli.demo.DemoLayout.RULES_PATH;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.cli.Sizes;
import java.util.LinkedHashMap;
import java.util.Map;

/** Step 4: a Spark job generates the support tickets as Parquet, partitioned by day, and a CSV of regex rules. */
final class GenerateStep {
    static final String JOB = "demo-generate";
    static final String JOB_CLASS = "io.mortar.runtime.demo.GenerateTickets";

    private final DemoRun.Settings settings;
    private final JobRunner jobs;
    private final DemoOutput out;

    GenerateStep(DemoRun.Settings settings, JobRunner jobs, DemoOutput out) {
        this.settings = settings;
        this.jobs = jobs;
        this.out = out;
    }

    JobOutcome run() {
        long t = System.nanoTime();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--class", JOB_CLASS);
        args.put("--rows", Long.toString(settings.rows()));
        args.put("--rules", Integer.toString(settings.rules()));
        args.put("--seed", Long.toString(settings.seed()));
        args.put("--days", Integer.toString(settings.days()));
        args.put("--output", RAW_PATH);
        args.put("--rules-output", RULES_PATH);
        JobOutcome outcome = jobs.run(JOB, "mortar demo: support tickets as Parquet by day, and a table of regex rules",
                args, t);
        JsonNode generated = outcome.report();
        out.line("%,d rows (id, subject, body, notes; day) over %d days from %s in %d Parquet files, %s, at %s",
                generated.path("rows").asLong(), generated.path("days").asInt(),
                generated.path("firstDay").asText(), generated.path("files").asLong(),
                Sizes.bytes(generated.path("bytes").asLong()), RAW_PATH);
        out.line("%d rules (tag, columns, regex) as CSV at %s", generated.path("rules").asInt(), RULES_PATH);
        return outcome;
    }
}
