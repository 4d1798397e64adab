package io.mortar.runtime.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a parsed (not yet analysed) SQL statement names: the tables it reads or writes, the databases it uses,
 * and the table it creates or inserts into. Walks children, inner children (CTE definitions) and subquery
 * expressions, so a table named anywhere in the statement is found; CTE names are not tables.
 */
public final class TableReferences {
    /** A table name as written: one part (current database) or two (database and table). */
    public record Name(String database, String table) {}

    private final Set<Name> tables = new LinkedHashSet<>();
    private final Set<String> databases = new LinkedHashSet<>();
    private final Set<String> cteNames = new HashSet<>();
    private Name written;

    private TableReferences() {}

    public static TableReferences of(LogicalPlan plan) {
        TableReferences refs = new TableReferences();
        refs.visit(plan);
        refs.tables.removeIf(n -> n.database() == null && refs.cteNames.contains(n.table().toLowerCase(Locale.ROOT)));
        return refs;
    }

    /** Tables the statement reads or writes (existing ones), in the order named. */
    public Set<Name> tables() {
        return tables;
    }

    /** Databases the statement names (USE db, CREATE TABLE db.t, SHOW TABLES IN db, …) and those of its tables. */
    public Set<String> databases() {
        return databases;
    }

    /** The table a CREATE TABLE [AS SELECT], REPLACE TABLE AS SELECT or INSERT writes, if any. */
    public Name written() {
        return written;
    }

    private void visit(QueryPlan<?> node) {
        if (node instanceof UnresolvedRelation r) {
            addTable(r.multipartIdentifier());
        } else if (node instanceof UnresolvedTableOrView t) {
            addTable(t.multipartIdentifier());
        } else if (node instanceof UnresolvedTable t) {
            addTable(t.multipartIdentifier());
        } else if (node instanceof UnresolvedNamespace n) {
            List<String> parts = parts(n.multipartIdentifier());
            if (parts.size() == 1) {
                databases.add(parts.get(0));
            }
        } else if (node instanceof UnresolvedIdentifier id) {
            List<String> parts = parts(id.nameParts());
            if (parts.size() == 2) {
                databases.add(parts.get(0));
            }
        } else if (node instanceof UnresolvedWith with) {
            for (var relation : CollectionConverters.asJava(with.cteRelations())) {
                cteNames.add(relation._1().toLowerCase(Locale.ROOT));
            }
        }
        if (node instanceof CreateTableAsSelect ctas) {
            written = identifier(ctas.name());
        } else if (node instanceof ReplaceTableAsSelect rtas) {
            written = identifier(rtas.name());
        } else if (node instanceof CreateTable create) {
            written = identifier(create.name());
        } else if (node instanceof InsertIntoStatement insert) {
            if (insert.table() instanceof UnresolvedRelation r) {
                written = name(parts(r.multipartIdentifier()));
            }
            visit(insert.table());
        }
        for (Object child : CollectionConverters.asJava(node.children())) {
            visit((QueryPlan<?>) child);
        }
        for (QueryPlan<?> inner : CollectionConverters.asJava(node.innerChildren())) {
            visit(inner);
        }
        for (Object subquery : CollectionConverters.asJava(node.subqueries())) {
            visit((QueryPlan<?>) subquery);
        }
    }

    private void addTable(scala.collection.immutable.Seq<String> identifier) {
        Name name = name(parts(identifier));
        if (name != null) {
            tables.add(name);
            if (name.database() != null) {
                databases.add(name.database());
            }
        }
    }

    private static Name identifier(LogicalPlan plan) {
        return plan instanceof UnresolvedIdentifier id ? name(parts(id.nameParts())) : null;
    }

    /** One or two parts; three (a catalog prefix) name something outside the session catalog. */
    private static Name name(List<String> parts) {
        return switch (parts.size()) {
            case 1 -> new Name(null, parts.get(0));
            case 2 -> new Name(parts.get(0), parts.get(1));
            default -> null;
        };
    }

    private static List<String> parts(scala.collection.immutable.Seq<String> seq) {
        return new ArrayList<>(CollectionConverters.asJava(seq));
    }
}
