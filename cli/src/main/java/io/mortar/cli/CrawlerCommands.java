package io.mortar.cli;

import static io.mortar.cli.CatalogCommands.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.cli.http.HttpAnswer;
import io.mortar.cli.http.MortarHttp;
import io.mortar.model.GlueJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.FieldName;
import software.amazon.awssdk.services.glue.model.FilterOperator;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.ListCrawlsResponse;

/**
 * Crawler commands: list crawlers and a crawler's crawls, run a crawl and follow it (or only show what it would
 * write), read a crawl's log, stop a crawl. Glue's crawler API through the SDK's GlueClient, plus Mortar's own
 * endpoints beside it: {@code GET /crawlers/{name}/progress}, {@code POST /crawlers/{name}/dry-run} and
 * {@code GET /crawls/{id}/log}.
 */
final class CrawlerCommands {
    /** ERROR cells are cut to this many characters; {@code mortar crawls} and the crawl log have the whole text. */
    static final int SHORT_ERROR = 60;

    private CrawlerCommands() {}

    // ---------------------------------------------------------------------------------------------------------
    // mortar crawlers

    @Command(name = "crawlers", mixinStandardHelpOptions = true,
            description = "Lists the crawlers: state, schedule, database, targets and their last crawl.")
    static final class Crawlers extends CatalogCommands.Base {
        @Override
        void run(GlueClient glue) {
            List<Crawler> crawlers = glue.getCrawlersPaginator(b -> {}).stream()
                    .flatMap(page -> page.crawlers().stream()).toList();
            if (json()) {
                printJson(crawlers);
                return;
            }
            TextTable table = new TextTable("NAME", "STATE", "SCHEDULE", "DATABASE", "TARGETS", "LAST CRAWL (UTC)",
                    "ERROR");
            for (Crawler c : crawlers) {
                LastCrawlInfo last = c.lastCrawl();
                table.row(c.name(), c.stateAsString(), schedule(c), c.databaseName(), targets(c.targets()),
                        last == null ? "" : last.statusAsString() + " " + time(last.startTime()),
                        last == null ? "" : shorten(last.errorMessage(), SHORT_ERROR));
            }
            table.print(out());
        }

        static String schedule(Crawler c) {
            if (c.schedule() == null || c.schedule().scheduleExpression() == null) {
                return "";
            }
            String state = c.schedule().stateAsString();
            return c.schedule().scheduleExpression() + (state == null ? "" : " (" + state + ")");
        }

        /** One target: its path. Several: how many of each kind. */
        static String targets(CrawlerTargets t) {
            if (t == null) {
                return "";
            }
            Map<String, List<String>> byKind = new LinkedHashMap<>();
            t.s3Targets().forEach(x -> add(byKind, "S3", x.path()));
            t.jdbcTargets().forEach(x -> add(byKind, "JDBC", x.connectionName() + " " + x.path()));
            t.mongoDBTargets().forEach(x -> add(byKind, "MongoDB", x.connectionName() + " " + x.path()));
            t.dynamoDBTargets().forEach(x -> add(byKind, "DynamoDB", "dynamodb " + x.path()));
            t.catalogTargets().forEach(x -> add(byKind, "catalog", "catalog " + x.databaseName() + "."
                    + String.join(",", x.tables())));
            t.deltaTargets().forEach(x -> add(byKind, "Delta", "delta " + String.join(",", x.deltaTables())));
            t.icebergTargets().forEach(x -> add(byKind, "Iceberg", "iceberg " + String.join(",", x.paths())));
            t.hudiTargets().forEach(x -> add(byKind, "Hudi", "hudi " + String.join(",", x.paths())));
            int count = byKind.values().stream().mapToInt(List::size).sum();
            if (count == 1) {
                return byKind.values().iterator().next().get(0);
            }
            List<String> kinds = new ArrayList<>();
            byKind.forEach((kind, list) -> kinds.add(list.size() + " " + kind));
            return count + " targets (" + String.join(", ", kinds) + ")";
        }

        private static void add(Map<String, List<String>> byKind, String kind, String description) {
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(description);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // mortar crawls <name>

    @Command(name = "crawls", mixinStandardHelpOptions = true,
            description = "Lists a crawler's crawls, newest first: state, start, duration, tables changed, error.")
    static final class Crawls extends CatalogCommands.Base {
        @Parameters(index = "0", paramLabel = "CRAWLER", description = "the crawler's name")
        String name;

        @Option(names = "--limit", defaultValue = "50", description = "at most this many crawls (default 50)")
        int limit;

        @Override
        void run(GlueClient glue) {
            requirePositiveLimit(limit);
            List<CrawlerHistory> crawls = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                int want = Math.min(limit - crawls.size(), 1000);
                ListCrawlsResponse page = glue.listCrawls(b -> b.crawlerName(name).maxResults(want).nextToken(next));
                crawls.addAll(page.crawls());
                token = page.nextToken();
            } while (token != null && crawls.size() < limit);
            List<CrawlerHistory> shown = crawls.subList(0, Math.min(limit, crawls.size()));
            if (json()) {
                printJson(shown);
                return;
            }
            TextTable table = new TextTable("CRAWL ID", "STATE", "STARTED (UTC)", "DURATION (S)", "TABLES +/~/-",
                    "ERROR");
            for (CrawlerHistory c : shown) {
                table.row(c.crawlId(), c.stateAsString(), time(c.startTime()), seconds(c.startTime(), c.endTime()),
                        tableChanges(c.summary()), shorten(c.errorMessage(), SHORT_ERROR));
            }
            table.print(out());
        }

        /** created/updated (with deprecated)/deleted, from Mortar's Summary JSON; empty without one. */
        static String tableChanges(String summary) {
            return summaryJson(summary).filter(s -> s.has("tablesCreated"))
                    .map(s -> s.path("tablesCreated").asLong() + "/"
                            + (s.path("tablesUpdated").asLong() + s.path("tablesDeprecated").asLong()) + "/"
                            + s.path("tablesDeleted").asLong())
                    .orElse("");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // mortar crawl <name> [--dry-run | --no-wait]

    @Command(name = "crawl", mixinStandardHelpOptions = true,
            description = {"Starts a crawl and follows it until its crawler is READY again: a progress line about"
                    + " every second, then the crawl's status, duration, counts and id.",
                    "Exits 0 if the crawl SUCCEEDED, 1 if it failed or was stopped (with its error on stderr).",
                    "With --dry-run, shows table by table what a crawl would write now, and why, writing nothing.",
                    "With -o json: the crawl as ListCrawls has it once it ended (with --no-wait, as it started);"
                            + " with --dry-run, the dry run's own JSON."})
    static final class Crawl extends CatalogCommands.Base {
        private static final Duration POLL = Duration.ofMillis(250);
        private static final Set<String> KNOWN_COUNTS = Set.of("tablesCreated", "tablesUpdated", "tablesDeprecated",
                "tablesDeleted", "tablesWritten", "partitionsCreated", "partitionsUpdated", "partitionsDeleted",
                "filesListed", "filesRead", "filesSkipped", "bytesRead");

        @Parameters(index = "0", paramLabel = "CRAWLER", description = "the crawler's name")
        String name;

        @Option(names = "--dry-run",
                description = "only show what a crawl would write now (tables, partitions, reasons); writes nothing")
        boolean dryRun;

        @Option(names = "--no-wait", description = "start the crawl, print its id and return without following it")
        boolean noWait;

        @Option(names = "--interval", defaultValue = "1", paramLabel = "SECONDS",
                description = "seconds between progress lines (default 1)")
        double interval;

        @Override
        public Integer call() throws IOException {
            if (dryRun && noWait) {
                throw new ParameterException(spec.commandLine(), "--dry-run and --no-wait do not go together");
            }
            if (!(interval > 0)) {
                throw new ParameterException(spec.commandLine(), "--interval must be more than 0, not " + interval);
            }
            if (dryRun) {
                return dryRun();
            }
            try (GlueClient glue = parent.client()) {
                return crawl(glue);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spec.commandLine().getErr().println("error: interrupted; the crawl goes on (mortar stop-crawl "
                        + name + " stops it)");
                return 130;
            }
        }

        @Override
        void run(GlueClient glue) {
            throw new UnsupportedOperationException("crawl runs through call()");
        }

        private int crawl(GlueClient glue) throws IOException, InterruptedException {
            PrintWriter out = out();
            // What LastCrawl said before this crawl: the crawl has ended once the crawler is READY with another.
            String before = key(glue.getCrawler(b -> b.name(name)).crawler().lastCrawl());
            glue.startCrawler(b -> b.name(name));
            Optional<CrawlerHistory> newest = newestCrawl(glue);
            String crawlId = newest.map(CrawlerHistory::crawlId).orElse(null);
            if (json() && noWait) {
                printJson(newest.stream().toList());
            } else if (!json()) {
                out.println("Started crawl " + (crawlId == null ? "" : crawlId + " ") + "of crawler " + name);
                out.flush();
            }
            if (noWait) {
                return 0;
            }
            ProgressPrinter progress = new ProgressPrinter(out, System.console() != null);
            long nextLine = 0;
            Crawler done;
            while (true) {
                Crawler c = glue.getCrawler(b -> b.name(name)).crawler();
                if (c.state() == CrawlerState.READY && c.lastCrawl() != null && !key(c.lastCrawl()).equals(before)) {
                    done = c;
                    break;
                }
                if (!json() && System.nanoTime() >= nextLine) {
                    progress().ifPresent(progress::show);
                    nextLine = System.nanoTime() + (long) (interval * 1e9);
                }
                Thread.sleep(POLL.toMillis());
            }
            progress.end();
            LastCrawlInfo last = done.lastCrawl();
            if (last.messagePrefix() != null) {
                crawlId = last.messagePrefix(); // Mortar's (and Glue's) LastCrawl names its crawl here
            }
            CrawlerHistory history = crawlId == null ? newestCrawl(glue).orElse(null) : crawl(glue, crawlId);
            if (json()) {
                printJson(history == null ? List.of() : List.of(history));
            } else {
                printResult(out, last, history, crawlId);
            }
            if (last.status() == LastCrawlStatus.SUCCEEDED) {
                return 0;
            }
            String message = last.errorMessage() != null ? last.errorMessage()
                    : last.status() == LastCrawlStatus.CANCELLED ? "the crawl was stopped" : "no error message";
            spec.commandLine().getErr().println("error: crawl " + (crawlId == null ? "" : crawlId + " ")
                    + "of crawler " + name + " " + last.statusAsString() + ": " + message);
            return 1;
        }

        /** The crawler's newest crawl, the one just started; empty where ListCrawls is not to be had. */
        private Optional<CrawlerHistory> newestCrawl(GlueClient glue) {
            try {
                return glue.listCrawls(b -> b.crawlerName(name).maxResults(1)).crawls().stream().findFirst();
            } catch (GlueException e) {
                return Optional.empty();
            }
        }

        private CrawlerHistory crawl(GlueClient glue, String crawlId) {
            try {
                return glue.listCrawls(b -> b.crawlerName(name).filters(f -> f.fieldName(FieldName.CRAWL_ID)
                        .filterOperator(FilterOperator.EQ).fieldValue(crawlId))).crawls().stream().findFirst()
                        .orElseGet(() -> newestCrawl(glue).orElse(null));
            } catch (GlueException e) {
                return null;
            }
        }

        /** Mortar's progress of the running crawl; empty when none runs (ended, or not started yet), or not Mortar. */
        private Optional<JsonNode> progress() throws IOException {
            HttpAnswer answer = parent.http(MortarHttp.CALLS).get(parent.endpoint().resolve("/crawlers/"
                    + MortarHttp.pathSegment(name) + "/progress"));
            return answer.status() == 200 ? parse(answer.text()) : Optional.empty();
        }

        private void printResult(PrintWriter out, LastCrawlInfo last, CrawlerHistory history, String crawlId) {
            String duration = history == null ? "" : " in " + seconds(history.startTime(), history.endTime()) + " s";
            out.println("Crawl " + last.statusAsString() + duration);
            Optional<JsonNode> summary = history == null ? Optional.empty() : summaryJson(history.summary());
            if (summary.isPresent() && summary.get().has("tablesCreated")) {
                JsonNode s = summary.get();
                out.printf("  tables:      %d created, %d updated, %d deprecated, %d deleted%s%n",
                        n(s, "tablesCreated"), n(s, "tablesUpdated"), n(s, "tablesDeprecated"),
                        n(s, "tablesDeleted"),
                        s.has("tablesWritten") ? " (" + n(s, "tablesWritten") + " written)" : "");
                out.printf("  partitions:  %d created, %d updated, %d deleted%n", n(s, "partitionsCreated"),
                        n(s, "partitionsUpdated"), n(s, "partitionsDeleted"));
                out.printf("  files:       %d listed, %d read, %d skipped; %s read%n", n(s, "filesListed"),
                        n(s, "filesRead"), n(s, "filesSkipped"), Sizes.bytesExact(n(s, "bytesRead")));
                for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!KNOWN_COUNTS.contains(e.getKey())) {
                        out.printf("  %s: %s%n", e.getKey(), readable(e.getValue()));
                    }
                }
            } else if (history != null && history.summary() != null) {
                out.println("  summary: " + history.summary());
            }
            if (crawlId != null) {
                out.println("Crawl id: " + crawlId + "  (its log: mortar crawl-log " + crawlId + ")");
            }
            out.flush();
        }

        /** A value of the summary: text as is, an object of scalars as "key value, key value". */
        private static String readable(JsonNode value) {
            if (value.isObject()) {
                List<String> parts = new ArrayList<>();
                value.fields().forEachRemaining(f -> parts.add(f.getKey() + " " + (f.getValue().isValueNode()
                        ? f.getValue().asText() : f.getValue().toString())));
                return String.join(", ", parts);
            }
            return value.isValueNode() ? value.asText() : value.toString();
        }

        private static long n(JsonNode summary, String field) {
            return summary.path(field).asLong();
        }

        private static String key(LastCrawlInfo last) {
            return last == null ? "" : last.messagePrefix() + "@" + last.startTime();
        }

        // ----- --dry-run

        private int dryRun() throws IOException {
            String body = parent.http(MortarHttp.UNHURRIED).post(parent.endpoint().resolve("/crawlers/" + MortarHttp.pathSegment(name)
                    + "/dry-run")).requireSuccess("dry runs need a Mortar server").text();
            if (json()) {
                out().println(body);
                out().flush();
                return 0;
            }
            JsonNode plan = parse(body).orElseThrow(() -> new IllegalStateException(
                    "the dry run answered what is not JSON: " + shorten(body, 200)));
            printPlan(out(), name, plan);
            return 0;
        }

        static void printPlan(PrintWriter out, String crawler, JsonNode plan) {
            out.printf("Dry run of crawler %s: %d file(s) listed, %d read, %s read. Nothing was written.%n",
                    crawler, plan.path("filesListed").asLong(), plan.path("filesRead").asLong(),
                    Sizes.bytes(plan.path("bytesRead").asLong()));
            JsonNode tables = plan.path("tables");
            if (tables.isEmpty()) {
                out.println();
                out.println("No tables.");
            }
            for (JsonNode t : tables) {
                out.println();
                out.println(t.path("action").asText() + "  " + t.path("database").asText() + "."
                        + t.path("name").asText());
                field(out, "location", text(t, "location"));
                field(out, "classification", text(t, "classification"));
                field(out, "columns", join(t.path("columns")));
                field(out, "partition keys", join(t.path("partitionKeys")));
                long create = t.path("partitionsToCreate").asLong();
                long update = t.path("partitionsToUpdate").asLong();
                long delete = t.path("partitionsToDelete").asLong();
                if (create + update + delete > 0) {
                    field(out, "partitions", create + " to create, " + update + " to update, " + delete
                            + " to delete");
                }
                field(out, "reason", text(t, "reason"));
                for (JsonNode detail : t.path("details")) {
                    out.println("      " + detail.asText());
                }
            }
            section(out, "Grouping notes:", plan.path("groupingNotes"), JsonNode::asText);
            section(out, "Log:", plan.path("log"), JsonNode::asText);
            section(out, "Skipped files:", plan.path("skippedFiles"),
                    f -> f.path("location").asText() + ": " + f.path("problem").asText());
            out.flush();
        }

        private static void field(PrintWriter out, String label, String value) {
            if (value != null && !value.isEmpty()) {
                out.printf("    %-16s%s%n", label + ":", value);
            }
        }

        private static void section(PrintWriter out, String title, JsonNode items,
                                    java.util.function.Function<JsonNode, String> line) {
            if (items.isEmpty()) {
                return;
            }
            out.println();
            out.println(title);
            items.forEach(i -> out.println("  " + line.apply(i)));
        }

        private static String text(JsonNode node, String field) {
            JsonNode v = node.path(field);
            return v.isMissingNode() || v.isNull() ? null : v.asText();
        }

        private static String join(JsonNode array) {
            List<String> items = new ArrayList<>();
            array.forEach(i -> items.add(i.asText()));
            return String.join(", ", items);
        }
    }

    /** The progress line: printed anew each time, or rewritten in place on a terminal. */
    static final class ProgressPrinter {
        private final PrintWriter out;
        private final boolean terminal;
        private int shown;

        ProgressPrinter(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(JsonNode p) {
            String line = line(p);
            if (terminal) {
                out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
                shown = line.length();
            } else {
                out.println(line);
            }
            out.flush();
        }

        void end() {
            if (terminal && shown > 0) {
                out.println();
                out.flush();
            }
        }

        static String line(JsonNode p) {
            return String.format(Locale.ROOT, "%6.1fs  %-8s  files: %d listed, %d/%d read (%s)"
                            + "  tables: %d found, %d written%s",
                    p.path("elapsedMillis").asLong() / 1000.0, p.path("phase").asText(),
                    p.path("filesListed").asLong(), p.path("filesRead").asLong(), p.path("filesToRead").asLong(),
                    Sizes.bytes(p.path("bytesRead").asLong()), p.path("tablesFound").asLong(),
                    p.path("tablesWritten").asLong(), p.path("stopRequested").asBoolean() ? "  (stopping)" : "");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // mortar crawl-log <crawl-id>

    @Command(name = "crawl-log", mixinStandardHelpOptions = true,
            description = "Prints an ended crawl's log: what it decided for each table and why.")
    static final class CrawlLog implements Callable<Integer> {
        @ParentCommand
        MortarCli parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CRAWL_ID",
                description = "the crawl's id (from mortar crawl or mortar crawls)")
        String crawlId;

        @Override
        public Integer call() throws IOException {
            HttpAnswer answer = parent.http(MortarHttp.CALLS).get(parent.endpoint().resolve("/crawls/"
                    + MortarHttp.pathSegment(crawlId) + "/log"));
            if (answer.status() == 404) {
                spec.commandLine().getErr().println("error: no crawl " + crawlId + " at " + parent.endpoint());
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(answer.requireSuccess().text());
            out.flush();
            return 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // mortar stop-crawl <name>

    @Command(name = "stop-crawl", mixinStandardHelpOptions = true,
            description = {"Stops a crawler's running crawl.",
                    "The crawl stops before it writes, or between two tables; it ends STOPPED (LastCrawl CANCELLED)."})
    static final class StopCrawl implements Callable<Integer> {
        @ParentCommand
        MortarCli parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CRAWLER", description = "the crawler's name")
        String name;

        @Override
        public Integer call() {
            try (GlueClient glue = parent.client()) {
                glue.stopCrawler(b -> b.name(name));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Stopping crawler " + name);
            out.flush();
            return 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // shared

    static Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GlueJson.mapper().readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A crawl's Summary as a JSON object, when it is one. */
    static Optional<JsonNode> summaryJson(String summary) {
        return parse(summary).filter(JsonNode::isObject);
    }

    static String seconds(Instant start, Instant end) {
        return start == null || end == null ? ""
                : String.format(Locale.ROOT, "%.1f", Duration.between(start, end).toMillis() / 1000.0);
    }

    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
