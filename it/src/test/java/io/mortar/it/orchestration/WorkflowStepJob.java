package io.mortar.it.orchestration;

import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.MortarJob;
import io.mortar.runtime.frame.DynamicFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The workflow end-to-end test's job, as a Glue user writes one: it learns its workflow run from the arguments
 * {@code --WORKFLOW_NAME} and {@code --WORKFLOW_RUN_ID}, reads the run's properties through the Glue API, and records
 * what it saw in {@code <output>/<run id>/<step>.txt} (one {@code key=value} per line, the ids it read under
 * {@code ids}). Step {@code load} reads the crawled table through a bookmarked transformation context and puts how many
 * rows it read into the run's properties; step {@code report} fails when the run's property {@code fail} is
 * {@code yes}.
 */
public final class WorkflowStepJob implements MortarJob {
    @Override
    public void run(JobContext context) {
        MortarContext mortar = context.mortar();
        String workflow = context.args().require("WORKFLOW_NAME");
        String runId = context.args().require("WORKFLOW_RUN_ID");
        String step = context.args().require("step");
        Map<String, String> properties = mortar.glue().getWorkflowRunProperties(r -> r.name(workflow).runId(runId))
                .runProperties();
        Map<String, String> seen = new TreeMap<>();
        properties.forEach((key, value) -> seen.put("property." + key, value));
        seen.put("workflow", workflow);
        seen.put("job_run", context.runId());
        if (step.equals("load")) {
            DynamicFrame sales = mortar.fromCatalog(context.args().require("database"), context.args().require("table"))
                    .transformationContext("sales").dynamicFrame();
            List<Row> rows = sales.toDF().select("id").collectAsList();
            seen.put("ids", String.join(",", rows.stream().map(row -> String.valueOf(row.get(0))).sorted().toList()));
            mortar.glue().putWorkflowRunProperties(r -> r.name(workflow).runId(runId)
                    .runProperties(Map.of("loaded_rows", Integer.toString(rows.size()))));
        } else if ("yes".equals(properties.get("fail"))) {
            throw new IllegalStateException("The report was asked to fail by the run property fail=yes");
        }
        write(Path.of(context.args().require("output"), runId, step + ".txt"), seen);
    }

    private static void write(Path file, Map<String, String> seen) {
        StringBuilder text = new StringBuilder();
        seen.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
