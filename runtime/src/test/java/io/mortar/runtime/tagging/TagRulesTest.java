package io.mortar.runtime.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.testing.SharedSpark;
import io.mortar.tagging.TagRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule tables: a CSV file (regexes with commas, quotes, backslashes and leading zeros, read as text), a JSON file
 * with column arrays and numeric flags, a JDBC table (SQLite), flags, and the errors that name the row.
 */
class TagRulesTest {
    private final SparkSession spark = SharedSpark.get();
    private final MortarContext mortar = MortarContext.create(spark);

    @TempDir
    Path dir;

    @Test
    void rulesFromACsvFileTagEndToEnd() throws IOException {
        Path file = dir.resolve("rules.csv");
        Files.writeString(file, """
                tag,columns,regex,flags,comment
                refund,"subject, body","\\b(?:refund|chargeback)s?\\b",i,keywords
                order,body,"ORD-\\d{6}",,an id
                quoted,subject,"say ""hi"", then",,quotes and a comma
                code,body,0123,,leading zero kept
                path,body,"C:\\\\temp",,a literal backslash
                """);
        List<TagRule> rules = TagRules.fromFile(mortar, file.toString(), null, null);
        assertThat(rules).containsExactly(
                new TagRule("refund", List.of("subject", "body"), "\\b(?:refund|chargeback)s?\\b",
                        Pattern.CASE_INSENSITIVE),
                new TagRule("order", List.of("body"), "ORD-\\d{6}", 0),
                new TagRule("quoted", List.of("subject"), "say \"hi\", then", 0),
                new TagRule("code", List.of("body"), "0123", 0),
                new TagRule("path", List.of("body"), "C:\\\\temp", 0));

        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("subject", DataTypes.StringType)
                .add("body", DataTypes.StringType);
        Dataset<Row> data = spark.createDataFrame(List.of(
                RowFactory.create(1, "REFUND now", "see ORD-123456 and 0123"),
                RowFactory.create(2, "say \"hi\", then", "C:\\temp\\x and 123")), schema);
        assertThat(TaggingTest.tagsById(RegexTagging.apply(data, rules, TagOptions.defaults()), "tags"))
                .containsExactly(Map.entry(1, List.of("refund", "order", "code")),
                        Map.entry(2, List.of("quoted", "path")));
    }

    @Test
    void rulesFromAJsonFileWithColumnArraysAndNumericFlags() throws IOException {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, """
                {"tag": "a", "columns": ["x", "y"], "regex": "^a.c$", "flags": 40}
                {"tag": "b", "columns": ["y"], "regex": "b\\\\d", "extra": "ignored"}
                """);
        assertThat(new TagRuleSource.File(file.toString(), null, Map.of()).load(mortar)).containsExactly(
                new TagRule("a", List.of("x", "y"), "^a.c$", Pattern.MULTILINE | Pattern.DOTALL),
                new TagRule("b", List.of("y"), "b\\d", 0));
    }

    @Test
    void rulesFromAJdbcTable() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("rules.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tag_rules (position INTEGER, tag TEXT, columns TEXT, regex TEXT, flags TEXT)");
            s.execute("INSERT INTO tag_rules VALUES (2, 'second', 'body', 'y+', NULL), (1, 'first', 'subject,body',"
                    + " '(?x) x  +', 'is')");
        }
        List<TagRule> rules = TagRules.fromJdbc(mortar, null,
                Map.of("url", url, "query", "SELECT * FROM tag_rules ORDER BY position"));
        assertThat(rules).containsExactly(
                new TagRule("first", List.of("subject", "body"), "(?x) x  +",
                        Pattern.CASE_INSENSITIVE | Pattern.DOTALL),
                new TagRule("second", List.of("body"), "y+", 0));
    }

    @Test
    void flags() {
        assertThat(TagRules.parseFlags(null)).isZero();
        assertThat(TagRules.parseFlags(" ")).isZero();
        assertThat(TagRules.parseFlags("imsxudU")).isEqualTo(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE
                | Pattern.DOTALL | Pattern.COMMENTS | Pattern.UNICODE_CASE | Pattern.UNIX_LINES
                | Pattern.UNICODE_CHARACTER_CLASS);
        assertThat(TagRules.parseFlags("2")).isEqualTo(Pattern.CASE_INSENSITIVE);
        assertThatThrownBy(() -> TagRules.parseFlags("iq")).hasMessageStartingWith(
                "the flags 'iq' hold 'q', which is not a flag; use the letters i (case-insensitive)");
        assertThatThrownBy(() -> TagRules.parseFlags("1048576")).hasMessage(
                "the flags 1048576 are not java.util.regex.Pattern flag bits");
    }

    @Test
    void rowsThatAreNotRulesAreErrorsNamingTheRow() {
        StructType schema = new StructType().add("Tag", DataTypes.StringType).add("COLUMNS", DataTypes.StringType)
                .add("regex", DataTypes.StringType).add("flags", DataTypes.StringType);
        assertThat(TagRules.fromDataFrame(spark.createDataFrame(List.of(RowFactory.create("t", " a , b ,", "x", "")),
                schema))).containsExactly(new TagRule("t", List.of("a", "b"), "x", 0));
        assertThatThrownBy(() -> TagRules.fromDataFrame(spark.createDataFrame(List.of(
                RowFactory.create("t", "a", "x", "i"), RowFactory.create("u", "a", "y", "z")), schema)))
                .hasMessageStartingWith("Rule 1 (row 2 of the rule table, tag 'u'): the flags 'z' hold 'z'");
        assertThatThrownBy(() -> TagRules.fromDataFrame(spark.createDataFrame(List.of(
                RowFactory.create("t", " , ", "x", null)), schema)))
                .hasMessage("Rule 0 (row 1 of the rule table, tag 't'): it names no column to read ('columns' is "
                        + "empty)");
        assertThatThrownBy(() -> TagRules.fromDataFrame(spark.createDataFrame(List.of(
                RowFactory.create(null, "a", "x", null)), schema)))
                .hasMessage("Rule 0 (row 1 of the rule table, tag 'null'): the tag is empty");
        assertThatThrownBy(() -> TagRules.fromDataFrame(spark.createDataFrame(List.of(
                RowFactory.create("t", "a", "", null)), schema)))
                .hasMessage("Rule 0 (row 1 of the rule table, tag 't'): the regex is empty");
        assertThatThrownBy(() -> TagRules.fromDataFrame(spark.sql("SELECT 'x' AS tag, 'a' AS columns")))
                .hasMessage("The rule table has no column 'regex'; a rule table has the columns tag, columns, regex"
                        + " and optionally flags, but this one has [tag, columns]");
        assertThatThrownBy(() -> TagRules.fromDataFrame(spark.sql("SELECT 'x' AS tag, 1 AS columns, 'r' AS regex")))
                .hasMessage("The rule table's column 'columns' must be array<string> or a string of comma-separated"
                        + " names, but is int");
    }

    @Test
    void ruleSourceSpecs() {
        assertThat(TagRuleSource.of(Map.of("path", "/r/rules.parquet")))
                .isEqualTo(new TagRuleSource.File("/r/rules.parquet", null, Map.of()));
        assertThat(TagRuleSource.of(Map.of("database", "ref", "table", "rules")))
                .isEqualTo(new TagRuleSource.Catalog("ref", "rules"));
        assertThat(TagRuleSource.of(Map.of("connectionName", "pg", "dbtable", "public.rules", "fetchsize", 100)))
                .isEqualTo(new TagRuleSource.Jdbc(null, Map.of("connectionName", "pg", "dbtable", "public.rules",
                        "fetchsize", 100)));
        invalid(Map.of("path", "/r/rules"), "format", "is required: the path /r/rules has no extension that says"
                + " its format (csv, json, parquet, orc or avro)");
        invalid(Map.of("path", "/r/rules", "format", "xml"), "format", "is 'xml'; use csv, json, parquet, orc or avro");
        invalid(Map.of("path", "/r/rules.csv", "sep", ";"), "sep", "is not known here; expected [format, "
                + "formatOptions, path]");
        invalid(Map.of("database", "ref"), "table", "must say where the rule table is: {\"path\", \"format\"} (a"
                + " file), {\"database\", \"table\"} (a catalog table) or {\"connectionName\" or \"url\", \"dbtable\""
                + " or \"query\"} (a JDBC table)");
        invalid(Map.of("connectionName", "pg"), "dbtable", "is required (or 'query'): the JDBC table of rules");
        invalid(Map.of("dbtable", "t"), "connectionName", "is required (or 'url'): the database to read the rules"
                + " from");
        invalid(Map.of("database", "", "table", "t"), "database", "must be a non-empty string");
    }

    private static void invalid(Map<String, ?> spec, String field, String problem) {
        assertThatThrownBy(() -> TagRuleSource.of(spec)).isInstanceOfSatisfying(
                TagRuleSource.InvalidSpecException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }
}
