package io.mortar.server.auth;

import io.mortar.catalog.CatalogIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The resources a Glue operation acts on, as IAM names them: what a policy's {@code Resource} must allow for the
 * call to go ahead (AWS's "Specifying AWS Glue resource ARNs"). Data Catalog objects are hierarchical: reaching a
 * table needs the catalog, its database and the table; operations over many objects need the wildcard of their
 * kind ({@code database/*}, {@code table/sales/*}); operations outside the catalog that list many objects
 * ({@code GetJobs}, {@code ListCrawlers}) and objects without ARNs (classifiers) need {@code *}. A batch operation
 * needs every object it names. Catalog names are folded to lower case here, as Glue stores them.
 */
public final class OperationResources {
    /** Reads members of a request by their wire names ({@code TableInput.Name}). */
    private interface Rule extends BiFunction<Names, Request, List<String>> {}

    private static final Map<String, Rule> RULES = new HashMap<>();

    static {
        // databases
        rule("CreateDatabase", (n, r) -> n.database(r.string("DatabaseInput.Name")));
        rule("GetDatabase", (n, r) -> n.database(r.string("Name")));
        rule("UpdateDatabase", (n, r) -> n.database(r.string("Name")));
        rule("DeleteDatabase", (n, r) -> n.databaseWithContents(r.string("Name")));
        rule("GetDatabases", (n, r) -> n.database("*"));
        // tables
        for (String op : List.of("GetTable", "DeleteTable")) {
            rule(op, (n, r) -> n.table(r.string("DatabaseName"), r.string("Name")));
        }
        for (String op : List.of("CreateTable", "UpdateTable")) {
            rule(op, (n, r) -> n.table(r.string("DatabaseName"), r.string("TableInput.Name")));
        }
        for (String op : List.of("GetTableVersion", "GetTableVersions", "DeleteTableVersion",
                "BatchDeleteTableVersion", "GetPartition", "GetPartitions", "CreatePartition", "UpdatePartition",
                "DeletePartition", "BatchCreatePartition", "BatchDeletePartition", "BatchGetPartition",
                "BatchUpdatePartition", "CreatePartitionIndex", "DeletePartitionIndex", "GetPartitionIndexes",
                "GetColumnStatisticsForTable", "UpdateColumnStatisticsForTable", "DeleteColumnStatisticsForTable",
                "GetColumnStatisticsForPartition", "UpdateColumnStatisticsForPartition",
                "DeleteColumnStatisticsForPartition")) {
            rule(op, (n, r) -> n.table(r.string("DatabaseName"), r.string("TableName")));
        }
        rule("BatchDeleteTable", (n, r) -> n.tables(r.string("DatabaseName"), r.strings("TablesToDelete")));
        rule("GetTables", (n, r) -> n.table(r.string("DatabaseName"), "*"));
        rule("SearchTables", (n, r) -> n.table("*", "*"));
        // user-defined functions
        rule("CreateUserDefinedFunction", (n, r) -> n.function(r.string("DatabaseName"),
                r.string("FunctionInput.FunctionName")));
        for (String op : List.of("GetUserDefinedFunction", "UpdateUserDefinedFunction", "DeleteUserDefinedFunction")) {
            rule(op, (n, r) -> n.function(r.string("DatabaseName"), r.string("FunctionName")));
        }
        rule("GetUserDefinedFunctions", (n, r) -> n.function(orAll(r.string("DatabaseName")), "*"));
        // connections: catalog objects too
        rule("CreateConnection", (n, r) -> n.connections(List.of(r.string("ConnectionInput.Name"))));
        for (String op : List.of("GetConnection", "UpdateConnection", "DeleteConnection")) {
            rule(op, (n, r) -> n.connections(List.of(r.string("Name"))));
        }
        rule("BatchDeleteConnection", (n, r) -> n.connections(r.strings("ConnectionNameList")));
        rule("GetConnections", (n, r) -> n.connections(List.of("*")));
        rule("TestConnection", (n, r) -> n.connections(List.of(orAll(r.string("ConnectionName")))));
        rule("GetDataCatalogEncryptionSettings", (n, r) -> List.of(n.catalog()));
        rule("PutDataCatalogEncryptionSettings", (n, r) -> List.of(n.catalog()));
        // jobs
        rule("CreateJob", (n, r) -> n.of("job", r.string("Name")));
        for (String op : List.of("GetJob", "UpdateJob", "DeleteJob", "StartJobRun", "GetJobRun", "GetJobRuns",
                "BatchStopJobRun", "GetJobBookmark", "ResetJobBookmark")) {
            rule(op, (n, r) -> n.of("job", r.string("JobName")));
        }
        rule("BatchGetJobs", (n, r) -> n.of("job", r.strings("JobNames")));
        // crawlers
        for (String op : List.of("CreateCrawler", "GetCrawler", "UpdateCrawler", "DeleteCrawler", "StartCrawler",
                "StopCrawler")) {
            rule(op, (n, r) -> n.of("crawler", r.string("Name")));
        }
        for (String op : List.of("StartCrawlerSchedule", "StopCrawlerSchedule", "UpdateCrawlerSchedule",
                "ListCrawls")) {
            rule(op, (n, r) -> n.of("crawler", r.string("CrawlerName")));
        }
        rule("BatchGetCrawlers", (n, r) -> n.of("crawler", r.strings("CrawlerNames")));
        rule("GetCrawlerMetrics", (n, r) -> r.strings("CrawlerNameList").isEmpty() ? List.of("*")
                : n.of("crawler", r.strings("CrawlerNameList")));
        // triggers and workflows
        for (String op : List.of("CreateTrigger", "GetTrigger", "UpdateTrigger", "DeleteTrigger", "StartTrigger",
                "StopTrigger")) {
            rule(op, (n, r) -> n.of("trigger", r.string("Name")));
        }
        rule("BatchGetTriggers", (n, r) -> n.of("trigger", r.strings("TriggerNames")));
        for (String op : List.of("CreateWorkflow", "GetWorkflow", "UpdateWorkflow", "DeleteWorkflow",
                "StartWorkflowRun", "GetWorkflowRun", "GetWorkflowRuns", "StopWorkflowRun", "ResumeWorkflowRun",
                "GetWorkflowRunProperties", "PutWorkflowRunProperties")) {
            rule(op, (n, r) -> n.of("workflow", r.string("Name")));
        }
        rule("BatchGetWorkflows", (n, r) -> n.of("workflow", r.strings("Names")));
        // tags name their resource themselves
        for (String op : List.of("TagResource", "UntagResource", "GetTags")) {
            rule(op, (n, r) -> List.of(r.string("ResourceArn")));
        }
    }

    private final Names names;

    public OperationResources(CatalogIdentity identity) {
        this.names = new Names(identity);
    }

    /**
     * The ARNs {@code operation} needs for {@code request}; {@code *} for an operation whose objects have no ARNs
     * (classifiers) or that lists objects outside the catalog.
     */
    public List<String> of(String operation, SdkPojo request) {
        Rule rule = RULES.get(operation);
        return rule == null ? List.of("*") : rule.apply(names, new Request(request));
    }

    /** Whether the operation has a rule of its own (every other one needs {@code *}). */
    static boolean hasRule(String operation) {
        return RULES.containsKey(operation);
    }

    private static void rule(String operation, Rule rule) {
        if (RULES.put(operation, rule) != null) {
            throw new IllegalStateException("Two resource rules for " + operation);
        }
    }

    private static String orAll(String name) {
        return name == null || name.isEmpty() ? "*" : name;
    }

    /** Glue's ARNs in this catalog. */
    private record Names(CatalogIdentity identity) {
        String catalog() {
            return identity.arnPrefix() + "catalog";
        }

        List<String> database(String database) {
            return List.of(catalog(), identity.databaseArn(folded(database)));
        }

        List<String> databaseWithContents(String database) {
            String db = folded(database);
            return List.of(catalog(), identity.databaseArn(db), identity.tableArnPrefix(db) + "*",
                    identity.arnPrefix() + "userDefinedFunction/" + db + "/*");
        }

        List<String> table(String database, String table) {
            return tables(database, List.of(table));
        }

        List<String> tables(String database, List<String> tables) {
            String db = folded(database);
            List<String> arns = new ArrayList<>(List.of(catalog(), identity.databaseArn(db)));
            tables.forEach(t -> arns.add(identity.tableArn(db, folded(t))));
            return arns;
        }

        List<String> function(String database, String function) {
            String db = folded(database);
            return List.of(catalog(), identity.databaseArn(db),
                    identity.arnPrefix() + "userDefinedFunction/" + db + "/" + function);
        }

        List<String> connections(List<String> names) {
            List<String> arns = new ArrayList<>(List.of(catalog()));
            names.forEach(name -> arns.add(identity.arnPrefix() + "connection/" + name));
            return arns;
        }

        List<String> of(String kind, String name) {
            return List.of(identity.arnPrefix() + kind + "/" + name);
        }

        List<String> of(String kind, List<String> names) {
            return names.stream().map(name -> identity.arnPrefix() + kind + "/" + name).toList();
        }

        private static String folded(String name) {
            return name == null ? "" : name.toLowerCase(Locale.ROOT);
        }
    }

    /** A bound request's members by wire name; a dotted path reaches into nested structures. */
    private record Request(SdkPojo pojo) {
        String string(String path) {
            Object value = value(path);
            return value == null ? "" : value.toString();
        }

        List<String> strings(String path) {
            Object value = value(path);
            if (!(value instanceof List<?> list)) {
                return List.of();
            }
            return list.stream().map(String::valueOf).toList();
        }

        private Object value(String path) {
            Object current = pojo;
            for (String member : path.split("\\.")) {
                if (!(current instanceof SdkPojo structure)) {
                    return null;
                }
                current = member(structure, member);
            }
            return current;
        }

        private static Object member(SdkPojo structure, String wireName) {
            for (SdkField<?> field : structure.sdkFields()) {
                if (field.locationName().equals(wireName)) {
                    return field.getValueOrDefault(structure);
                }
            }
            return null;
        }
    }
}
