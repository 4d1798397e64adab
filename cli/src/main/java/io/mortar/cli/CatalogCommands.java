package io.mortar.cli;

import io.mortar.model.GlueJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/** Everyday catalog commands: list databases, tables and partitions, show a table. */
final class CatalogCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CatalogCommands() {}

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** Shared by every command: the client and how to print. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        MortarCli parent;

        @Spec
        CommandSpec spec;

        enum Output { table, json }

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json",
                description = "table (readable) or json (the Glue response objects)")
        Output output;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        boolean json() {
            return output == Output.json;
        }

        void printJson(List<? extends software.amazon.awssdk.core.SdkPojo> items) {
            out().println(items.isEmpty() ? "[]"
                    : items.stream().map(GlueJson::writeString).collect(Collectors.joining(",\n  ", "[\n  ", "\n]")));
            out().flush();
        }

        @Override
        public Integer call() throws IOException { // IOException: from the plain calls of a command overriding this
            try (GlueClient glue = parent.client()) {
                run(glue);
            }
            return 0;
        }

        abstract void run(GlueClient glue);

        /** A {@code --limit} value, refused below 1 as a usage error naming the flag. */
        void requirePositiveLimit(int value) {
            if (value < 1) {
                throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + value);
            }
        }
    }

    @Command(name = "databases", mixinStandardHelpOptions = true, description = "Lists the databases.")
    static final class Databases extends Base {
        @Override
        void run(GlueClient glue) {
            List<Database> databases = glue.getDatabasesPaginator(b -> {}).stream()
                    .flatMap(page -> page.databaseList().stream()).toList();
            if (json()) {
                printJson(databases);
                return;
            }
            TextTable table = new TextTable("NAME", "CREATED (UTC)", "LOCATION", "DESCRIPTION");
            databases.forEach(d -> table.row(d.name(), time(d.createTime()), d.locationUri(), d.description()));
            table.print(out());
        }
    }

    @Command(name = "tables", mixinStandardHelpOptions = true, description = "Lists the tables of a database.")
    static final class Tables extends Base {
        @Parameters(index = "0", paramLabel = "DATABASE")
        String database;

        @Option(names = "--filter", description = "table name pattern, e.g. 'sales*'")
        String filter;

        @Override
        void run(GlueClient glue) {
            List<Table> tables = glue.getTablesPaginator(b -> b.databaseName(database).expression(filter))
                    .stream().flatMap(page -> page.tableList().stream()).toList();
            if (json()) {
                printJson(tables);
                return;
            }
            TextTable table = new TextTable("NAME", "TYPE", "FORMAT", "COLUMNS", "PARTITION KEYS", "UPDATED (UTC)",
                    "LOCATION");
            for (Table t : tables) {
                StorageDescriptor sd = t.storageDescriptor();
                table.row(t.name(), t.tableType(), t.parameters().getOrDefault("classification", ""),
                        sd == null ? 0 : sd.columns().size(),
                        t.partitionKeys().stream().map(Column::name).collect(Collectors.joining(", ")),
                        time(t.updateTime()), sd == null ? "" : sd.location());
            }
            table.print(out());
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true,
            description = "Shows a table: its columns, partition keys, storage and parameters.")
    static final class ShowTable extends Base {
        @Parameters(index = "0", paramLabel = "DATABASE")
        String database;

        @Parameters(index = "1", paramLabel = "TABLE")
        String name;

        @Override
        void run(GlueClient glue) {
            Table t = glue.getTable(b -> b.databaseName(database).name(name)).table();
            if (json()) {
                printJson(List.of(t));
                return;
            }
            PrintWriter out = out();
            StorageDescriptor sd = t.storageDescriptor();
            out.printf("Table:        %s.%s (version %s)%n", t.databaseName(), t.name(), t.versionId());
            if (t.tableType() != null) {
                out.printf("Type:         %s%n", t.tableType());
            }
            if (t.description() != null) {
                out.printf("Description:  %s%n", t.description());
            }
            out.printf("Created:      %s UTC   Updated: %s UTC%n", time(t.createTime()), time(t.updateTime()));
            if (sd != null) {
                out.printf("Location:     %s%n", sd.location() == null ? "" : sd.location());
                out.printf("Input format: %s%n", sd.inputFormat() == null ? "" : sd.inputFormat());
                if (sd.serdeInfo() != null) {
                    out.printf("SerDe:        %s%s%n", sd.serdeInfo().serializationLibrary(),
                            sd.serdeInfo().parameters().isEmpty() ? "" : " " + sd.serdeInfo().parameters());
                }
            }
            out.println();
            TextTable columns = new TextTable("COLUMN", "TYPE", "PARTITION KEY", "COMMENT");
            if (sd != null) {
                sd.columns().forEach(c -> columns.row(c.name(), c.type(), "", c.comment()));
            }
            t.partitionKeys().forEach(c -> columns.row(c.name(), c.type(), "yes", c.comment()));
            columns.print(out);
            if (!t.parameters().isEmpty()) {
                out.println();
                TextTable parameters = new TextTable("PARAMETER", "VALUE");
                for (Map.Entry<String, String> p : t.parameters().entrySet()) {
                    parameters.row(p.getKey(), p.getValue());
                }
                parameters.print(out);
            }
            out.flush();
        }
    }

    @Command(name = "partitions", mixinStandardHelpOptions = true, description = "Lists the partitions of a table.")
    static final class Partitions extends Base {
        @Parameters(index = "0", paramLabel = "DATABASE")
        String database;

        @Parameters(index = "1", paramLabel = "TABLE")
        String table;

        @Option(names = {"-e", "--expression"}, description = "partition filter, e.g. \"year = 2024 AND region LIKE 'eu%%'\"")
        String expression;

        @Option(names = "--limit", defaultValue = "1000", description = "at most this many partitions (default 1000)")
        int limit;

        @Override
        void run(GlueClient glue) {
            requirePositiveLimit(limit);
            List<Partition> partitions = glue.getPartitionsPaginator(b -> b.databaseName(database).tableName(table)
                    .expression(expression).excludeColumnSchema(true).maxResults(Math.min(limit, 1000))).stream()
                    .flatMap(page -> page.partitions().stream()).limit(limit).toList();
            if (json()) {
                printJson(partitions);
                return;
            }
            List<String> keys = glue.getTable(b -> b.databaseName(database).name(table)).table().partitionKeys()
                    .stream().map(Column::name).toList();
            String[] header = new String[keys.size() + 2];
            for (int i = 0; i < keys.size(); i++) {
                header[i] = keys.get(i).toUpperCase(java.util.Locale.ROOT);
            }
            header[keys.size()] = "CREATED (UTC)";
            header[keys.size() + 1] = "LOCATION";
            TextTable rows = new TextTable(header);
            for (Partition p : partitions) {
                Object[] cells = new Object[header.length];
                for (int i = 0; i < keys.size(); i++) {
                    cells[i] = i < p.values().size() ? p.values().get(i) : "";
                }
                cells[keys.size()] = time(p.creationTime());
                cells[keys.size() + 1] = p.storageDescriptor() == null ? "" : p.storageDescriptor().location();
                rows.row(cells);
            }
            rows.print(out());
            out().println(rows.size() + " partition(s)");
            out().flush();
        }
    }
}
